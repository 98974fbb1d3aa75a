import { TextField } from "@/components/ui/field";

/** The first message for each top-level field of a failed parse: what the form shows beside each input. */
export function firstErrors<K extends string>(issues: readonly { path: readonly PropertyKey[]; message: string }[]): Partial<Record<K, string>> {
  const errors: Partial<Record<K, string>> = {};
  for (const issue of issues) errors[issue.path[0] as K] ??= issue.message;
  return errors;
}

/** A password being chosen: the same length floor and advice on sign-up and on a change of password. */
export function NewPasswordField({ label, name, error }: { label: string; name: string; error: string | undefined }) {
  return (
    <TextField
      label={label}
      name={name}
      type="password"
      autoComplete="new-password"
      required
      minLength={10}
      hint="At least 10 characters, and not easy to guess: a few uncommon words work well."
      error={error}
    />
  );
}
