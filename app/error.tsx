"use client";

import { lazy, Suspense } from "react";

// Next loads the root error boundary with every page, chapters included, though it shows only after a failure:
// the boundary is a shell and its view (with the button styles and a link) loads only when it is needed. If that
// load fails too (the server is gone), the error reaches global-error.tsx, which needs nothing more.
const ErrorView = lazy(() => import("@/components/layout/error-view").then((m) => ({ default: m.ErrorView })));

export default function ErrorPage(props: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <Suspense
      fallback={
        <div className="mx-auto max-w-2xl px-4 py-20 text-center" role="status">
          <h1 className="text-3xl font-bold">Something went wrong</h1>
        </div>
      }
    >
      <ErrorView {...props} />
    </Suspense>
  );
}
