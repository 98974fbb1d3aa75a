import type { ReactNode } from "react";
import { ProgressSync } from "@/components/learn/progress-sync";
import "@/components/learn/learn-content.css";

export default function LearnLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <ProgressSync />
      {children}
    </>
  );
}
