import { PageShell } from "@/components/layout/page-shell";

export default function PracticePage() {
  return <PageShell title="Practice" lead="Practice." />;
}
