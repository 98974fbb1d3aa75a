"use client";

import { useState, useTransition } from "react";
import { setUserRole } from "@/lib/actions/set-user-role";
import { ROLES, type Role } from "@/lib/schemas/user";
import { callAction } from "@/components/use-action";

export function RoleSelect({ userId, userName, role }: { userId: string; userName: string; role: Role }) {
  const [value, setValue] = useState<Role>(role);
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <div className="flex items-center gap-2">
      <label className="sr-only" htmlFor={`role-${userId}`}>
        Role of {userName}
      </label>
      <select
        id={`role-${userId}`}
        value={value}
        disabled={pending}
        onChange={(e) => {
          const next = e.target.value as Role;
          const previous = value;
          setValue(next);
          startTransition(async () => {
            const result = await callAction(() => setUserRole({ userId, role: next }));
            if (result.ok) setMessage(`Saved: ${next.toLowerCase()}`);
            else {
              setValue(previous);
              setMessage(result.error);
            }
          });
        }}
        className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900"
      >
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {r.charAt(0) + r.slice(1).toLowerCase()}
          </option>
        ))}
      </select>
      <span role="status" className="text-xs text-slate-600 dark:text-slate-400">
        {pending ? "Saving…" : message}
      </span>
    </div>
  );
}
