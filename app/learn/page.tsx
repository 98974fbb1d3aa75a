import { PageShell } from "@/components/layout/page-shell";

export default function LearnPage() {
  return <PageShell title="Learn" lead="The course map." />;
}
