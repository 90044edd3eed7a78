import type { Metadata } from "next";
import { DataTable } from "@/components/DataTable";
import { PageHeader } from "@/components/PageHeader";
import { ActiveForm, RoleForm } from "@/components/UserAdminForms";
import { requirePermission } from "@/lib/auth/guard";
import { listUsers } from "@/lib/users/manage";
import { roleLabel } from "@/lib/roles-da";
import { changeRole, setActive } from "./actions";

export const metadata: Metadata = { title: "Brugere" };

const ROLE_OPTIONS = (["BUYER", "GROUP_BUYER", "MINISTRY_ANALYST", "ADMIN"] as const).map((role) => ({
  value: role,
  label: roleLabel(role),
}));

export default async function UsersPage() {
  const admin = await requirePermission("users.manage");
  const users = await listUsers();
  return (
    <>
      <PageHeader
        title="Brugere"
        lead="En ændret rolle gælder fra brugerens næste klik. En deaktiveret bruger logges ud overalt."
      />
      <DataTable
        caption="Portalens brugere"
        captionHidden
        compact
        rows={users}
        rowKey={(user) => user.id}
        columns={[
          { key: "name", header: "Navn", rowHeader: true, cell: (user) => `${user.name}${user.active ? "" : " (deaktiveret)"}` },
          { key: "email", header: "E-mail", cell: (user) => user.email },
          { key: "org", header: "Organisation", cell: (user) => user.institution?.name ?? user.ministry?.name ?? "Statens Indkøb" },
          {
            key: "role",
            header: "Rolle",
            cell: (user) =>
              user.id === admin.id ? (
                roleLabel(user.role)
              ) : (
                <RoleForm action={changeRole} userId={user.id} role={user.role} options={ROLE_OPTIONS} />
              ),
          },
          {
            key: "active",
            header: "Adgang",
            cell: (user) => (user.id === admin.id ? "Dig" : <ActiveForm action={setActive} userId={user.id} active={user.active} />),
          },
        ]}
      />
    </>
  );
}
