"use client";

import { useState } from "react";
import { CODE_QUIZ, METHODS, METHOD_INFO, STATUS_FAMILIES, initialStore, isIdempotent, isSafe, sendTwice, statusCode, type Method, type Store } from "@/lib/core/widgets/http-methods/model";
import { Badge } from "@/components/ui/badge";
import { Status } from "@/components/ui/alert";
import { Btn, Card, WidgetBox } from "./ui";

export function HttpMethods() {
  const [method, setMethod] = useState<Method>("GET");
  const [store, setStore] = useState<Store>(initialStore);
  const [message, setMessage] = useState("Pick a method, then press Send twice to see what a duplicate does to the server's data.");
  const [code, setCode] = useState<number | null>(null);
  const [quiz, setQuiz] = useState(0);
  const [quizNote, setQuizNote] = useState<string | null>(null);
  const info = METHOD_INFO[method];
  const selected = code === null ? undefined : statusCode(code);
  const q = CODE_QUIZ[quiz % CODE_QUIZ.length]!;

  const twice = () => {
    const r = sendTwice(store, method);
    setStore(r.second.store);
    setMessage(
      `${method} sent twice: first ${r.first.response.status}, second ${r.second.response.status}. ${
        r.sameState ? "The data after two sends is the same as after one." : `The data changed again on the second send${method === "POST" ? ": two resources were created" : ""}.`
      }`,
    );
  };

  return (
    <WidgetBox label="HTTP methods and status codes">
      <div role="group" aria-label="Method" className="flex flex-wrap gap-1">
        {METHODS.map((m) => (
          <Btn key={m} pressed={m === method} onClick={() => setMethod(m)} className="font-mono">
            {m}
          </Btn>
        ))}
      </div>
      <Card>
        <p className="font-mono font-semibold break-words" data-testid="w5-request-line">
          {method} {info.path} HTTP/1.1
        </p>
        <p>{info.purpose}</p>
        <p className="mt-1 flex gap-2">
          <Badge tone={isSafe(method) ? "success" : "neutral"}>{isSafe(method) ? "SAFE" : "NOT SAFE"}</Badge>
          <Badge tone={isIdempotent(method) ? "success" : "warning"}>{isIdempotent(method) ? "IDEMPOTENT" : "NOT IDEMPOTENT"}</Badge>
        </p>
        {info.note ? <p className="mt-1 text-xs">{info.note}</p> : null}
      </Card>
      <div className="flex flex-wrap gap-2">
        <Btn variant="primary" onClick={twice}>
          Send twice
        </Btn>
        <Btn
          onClick={() => {
            setStore(initialStore());
            setMessage("Server data reset to one user.");
          }}
        >
          Reset data
        </Btn>
      </div>
      <Card title="Server data">
        <ul className="font-mono text-xs break-all" data-testid="w5-store">
          {store.users.length === 0 ? <li>(no users)</li> : store.users.map((u) => <li key={u.id}>{JSON.stringify(u)}</li>)}
        </ul>
      </Card>
      <Status testId="w5-status">{message}</Status>
      <div className="space-y-2">
        {STATUS_FAMILIES.map((f) => (
          <div key={f.family} className="flex flex-wrap items-center gap-1">
            <span className="w-full text-xs font-semibold sm:w-48">
              {f.family} {f.label}
            </span>
            {f.codes.map((c) => (
              <Btn key={c.code} pressed={code === c.code} onClick={() => setCode(c.code)} className="font-mono" aria-label={`${c.code} ${c.name}`}>
                {c.code}
              </Btn>
            ))}
          </div>
        ))}
      </div>
      {selected ? (
        <Card title={`${selected.code} ${selected.name}`}>
          <p>{selected.meaning}</p>
          <p className="text-xs">When: {selected.use}</p>
        </Card>
      ) : null}
      <Card title="Which code?">
        <p>{q.scenario}</p>
        <div className="mt-1 flex flex-wrap gap-1">
          {q.choices.map((c) => (
            <Btn key={c} onClick={() => setQuizNote(c === q.answer ? `Right: ${c} ${statusCode(c)?.name}.` : `Not quite: ${c} means "${statusCode(c)?.meaning}" Try again.`)}>
              {c}
            </Btn>
          ))}
          <Btn
            onClick={() => {
              setQuiz((n) => n + 1);
              setQuizNote(null);
            }}
          >
            Next scenario
          </Btn>
        </div>
        {quizNote ? <p className="mt-1" role="status">{quizNote}</p> : null}
      </Card>
    </WidgetBox>
  );
}
