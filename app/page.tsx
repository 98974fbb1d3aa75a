import { IntentLink } from "@/components/ui/intent-link";
import { buttonClass } from "@/components/ui/button";

const FEATURES = [
  {
    title: "Learn the network under your system",
    body: "Fourteen chapters take one request from a click to a response: addresses, TCP, QUIC, DNS, HTTP, TLS, load balancers, caches, the edge, tail latency and the failures of distributed systems.",
    href: "/learn",
    cta: "Start reading",
  },
  {
    title: "Check yourself, then remember it",
    body: "Quizzes with six question types are scored on the server and explained. What you are about to forget comes back for review on a spaced-repetition schedule.",
    href: "/quizzes",
    cta: "Take a quiz",
  },
  {
    title: "Design, get a number, improve it",
    body: "Sketch an architecture and get a score from a latency and reliability model: handshake round trips, caching, queueing, retries, availability and the design checklist — every lost point explained.",
    href: "/practice",
    cta: "Practise a design",
  },
];

const NUMBERS = [
  ["1 RTT", "to open a TCP connection"],
  ["+1 RTT", "for a TLS 1.3 handshake (+2 for TLS 1.2)"],
  ["1 RTT", "for QUIC transport and TLS together"],
  ["39.5 %", "of requests hit a slow call with a 50-way fan-out at 1 % slow"],
];

export default function HomePage() {
  return (
    <div>
      <section className="border-b border-slate-200 bg-gradient-to-b from-brand-50 to-white dark:border-slate-800 dark:from-slate-900 dark:to-slate-950">
        <div className="mx-auto max-w-6xl px-4 py-16 sm:py-24">
          <p className="text-sm font-semibold uppercase tracking-wider text-brand-600 dark:text-brand-100">System-design interviews, networking first</p>
          <h1 className="mt-3 max-w-3xl text-4xl font-bold tracking-tight sm:text-5xl">
            Know where every millisecond goes — and defend your design with numbers.
          </h1>
          <p className="mt-6 max-w-2xl text-lg text-slate-700 dark:text-slate-300">
            Roundtrip is an open-source practice ground for system-design interviews. Read how requests really travel,
            test what you learned, and sketch architectures that a quantitative model scores and explains: exact where the
            textbooks are exact, calibrated where they are not.
          </p>
          <div className="mt-8 flex flex-wrap gap-3">
            <IntentLink href="/learn" className={buttonClass("primary", "lg")}>
              Start with chapter 1
            </IntentLink>
            <IntentLink href="/sign-up" className="rounded-md border border-slate-300 px-5 py-3 font-medium hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800">
              Create a free account
            </IntentLink>
          </div>
        </div>
      </section>
      <section className="mx-auto max-w-6xl px-4 py-14" aria-labelledby="what-you-do">
        <h2 id="what-you-do" className="text-2xl font-bold tracking-tight">What you do here</h2>
        <ul className="mt-6 grid gap-6 md:grid-cols-3">
          {FEATURES.map((f) => (
            <li key={f.title} className="flex flex-col rounded-lg border border-slate-200 p-6 dark:border-slate-800">
              <h3 className="text-lg font-semibold">{f.title}</h3>
              <p className="mt-2 flex-1 text-slate-600 dark:text-slate-400">{f.body}</p>
              <IntentLink href={f.href} className="mt-4 font-medium text-brand-600 hover:underline dark:text-brand-100">
                {f.cta} <span aria-hidden="true">→</span>
              </IntentLink>
            </li>
          ))}
        </ul>
      </section>
      <section className="border-t border-slate-200 dark:border-slate-800" aria-labelledby="numbers">
        <div className="mx-auto max-w-6xl px-4 py-14">
          <h2 id="numbers" className="text-2xl font-bold tracking-tight">Numbers the model is built on</h2>
          <dl className="mt-6 grid gap-6 sm:grid-cols-2 lg:grid-cols-4">
            {NUMBERS.map(([n, label]) => (
              <div key={label} className="rounded-lg bg-slate-50 p-5 dark:bg-slate-900">
                <dt className="text-sm text-slate-600 dark:text-slate-400">{label}</dt>
                <dd className="mt-1 text-2xl font-bold">{n}</dd>
              </div>
            ))}
          </dl>
          <p className="mt-6 max-w-3xl text-slate-600 dark:text-slate-400">
            Instructors author questions and practice problems and see how their cohort does. Everything — users,
            progress, attempts, designs and scores — lives in your own Postgres.
          </p>
        </div>
      </section>
    </div>
  );
}
