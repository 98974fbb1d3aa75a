"use client";

import { callAction } from "@/components/use-action";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { setProblemStatus } from "@/lib/actions/problem-set-status";
import type { ReferenceCheck } from "@/lib/schemas/problem-authoring";
import { buttonClass } from "@/components/ui/button";
import { ReferenceScore } from "./problem-preview";
import { ErrorText } from "@/components/ui/alert";

/** Publish the current version (after its reference design is scored) or withdraw the problem from candidates. */
export function ProblemStatusControls({
  slug,
  version,
  publishedVersion,
}: {
  slug: string;
  version: number;
  publishedVersion: number | null;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reference, setReference] = useState<ReferenceCheck | null>(null);

  const run = (transition: "publish" | "unpublish") =>
    startTransition(async () => {
      setError(null);
      setMessage(null);
      const result = await callAction(() => setProblemStatus({ slug, transition, version }));
      if (!result.ok) {
        setError(result.error);
        return;
      }
      setReference(result.data.reference);
      setMessage(
        result.data.publishedVersion
          ? `Version ${result.data.publishedVersion} is published: candidates get it from now on.`
          : "Withdrawn: candidates no longer see this problem. Their designs keep their version.",
      );
      router.refresh();
    });

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        {publishedVersion !== version ? (
          <button
            type="button"
            disabled={pending}
            onClick={() => run("publish")}
            className={buttonClass("primary", "sm")}
          >
            Publish version {version}
          </button>
        ) : null}
        {publishedVersion !== null ? (
          <button
            type="button"
            disabled={pending}
            onClick={() => run("unpublish")}
            className={buttonClass("secondary", "sm")}
          >
            Withdraw from candidates
          </button>
        ) : null}
      </div>
      <div role="status" className="text-sm">
        {pending ? <p>Scoring the reference design and publishing…</p> : null}
        {message ? <p className="text-green-700 dark:text-green-400">{message}</p> : null}
        {reference ? <ReferenceScore check={reference} /> : null}
      </div>
      {error ? (
        <ErrorText>
          {error}
        </ErrorText>
      ) : null}
    </div>
  );
}
