import { expect } from "vitest";

/**
 * The error a call is refused with. The test fails if the call succeeds or throws anything but a `type`
 * (the services' AppError subclasses: QuizRequestError, DesignError, EvaluationRefused…).
 */
export async function refusedWith<E extends Error>(
  call: Promise<unknown> | (() => Promise<unknown>),
  type: abstract new (...args: never[]) => E,
): Promise<E> {
  const error = await (typeof call === "function" ? call() : call).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(type);
  return error as E;
}
