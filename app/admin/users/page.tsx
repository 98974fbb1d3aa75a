import type { Metadata } from "next";
import { RoleSelect } from "@/components/admin/role-select";
import { PageShell } from "@/components/layout/page-shell";
import { requirePageRole } from "@/lib/server/kernel/auth";
import { listUsersAndRoleChanges } from "@/lib/server/admin/user-list";

export const metadata: Metadata = { title: "Users" };

export default async function AdminUsersPage() {
  await requirePageRole("admin");
  const [users, changes] = await listUsersAndRoleChanges();
  return (
    <PageShell title="Users" lead="Change what people can do. Instructors author questions and see cohort statistics; admins also manage roles.">
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">All users and their roles</caption>
          <thead className="border-b border-slate-200 dark:border-slate-800">
            <tr>
              <th scope="col" className="py-2 pr-4">Name</th>
              <th scope="col" className="py-2 pr-4">Email</th>
              <th scope="col" className="py-2 pr-4">Joined</th>
              <th scope="col" className="py-2">Role</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id} className="border-b border-slate-100 dark:border-slate-900">
                <td className="py-2 pr-4">{u.name}</td>
                <td className="py-2 pr-4">{u.email}</td>
                <td className="py-2 pr-4">{u.createdAt.toISOString().slice(0, 10)}</td>
                <td className="py-2"><RoleSelect userId={u.id} userName={u.name} role={u.role} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2 className="mt-10 text-xl font-semibold">Recent role changes</h2>
      {changes.length === 0 ? (
        <p className="mt-2 text-slate-600 dark:text-slate-400">No role has been changed yet.</p>
      ) : (
        <ul className="mt-2 space-y-1 text-sm">
          {changes.map((c) => (
            <li key={c.id}>
              {c.createdAt.toISOString().replace("T", " ").slice(0, 16)} — {c.actor.email} changed {c.user.email} from{" "}
              {c.fromRole.toLowerCase()} to {c.toRole.toLowerCase()}
            </li>
          ))}
        </ul>
      )}
    </PageShell>
  );
}
