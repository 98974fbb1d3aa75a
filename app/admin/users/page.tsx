import type { Metadata } from "next";
import { RoleSelect } from "@/components/admin/role-select";
import { PageShell } from "@/components/layout/page-shell";
import { Table, Td, type Column } from "@/components/ui/table";
import { requirePageRole } from "@/lib/server/kernel/auth";
import { listUsersAndRoleChanges } from "@/lib/server/admin/user-list";
import { formatDay } from "@/lib/core/util/format";

export const metadata: Metadata = { title: "Users" };

const USER_COLUMNS: Column[] = [{ label: "Name" }, { label: "Email" }, { label: "Joined" }, { label: "Role" }];

export default async function AdminUsersPage() {
  await requirePageRole("admin");
  const [users, changes] = await listUsersAndRoleChanges();
  return (
    <PageShell title="Users" lead="Change what people can do. Instructors author questions and see cohort statistics; admins also manage roles.">
      <Table caption="All users and their roles" captionHidden columns={USER_COLUMNS}>
        {users.map((u) => (
          <tr key={u.id}>
            <Td>{u.name}</Td>
            <Td>{u.email}</Td>
            <Td>{formatDay(u.createdAt)}</Td>
            <Td><RoleSelect userId={u.id} userName={u.name} role={u.role} /></Td>
          </tr>
        ))}
      </Table>
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
