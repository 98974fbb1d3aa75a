import { PageShell } from "@/components/layout/page-shell";

export default function QuizzesPage() {
  return <PageShell title="Quizzes" lead="Quizzes." />;
}
