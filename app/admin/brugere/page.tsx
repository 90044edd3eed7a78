import type { Metadata } from "next";
import { DataTable } from "@/components/DataTable";
import { PageHeader } from "@/components/PageHeader";
import { ActiveForm, RoleForm, SupplierUserForm } from "@/components/UserAdminForms";
import { requirePermission } from "@/lib/auth/guard";
import { listSupplierChoices, listUsers } from "@/lib/users/manage";
import { roleLabel } from "@/lib/roles-da";
import { changeRole, createUser, setActive } from "./actions";

export const metadata: Metadata = { title: "Brugere" };

const ROLE_OPTIONS = (["BUYER", "GROUP_BUYER", "MINISTRY_ANALYST", "ADMIN"] as const).map((role) => ({
  value: role,
  label: roleLabel(role),
}));

export default async function UsersPage() {
  const admin = await requirePermission("users.manage");
  const [users, suppliers] = await Promise.all([listUsers(), listSupplierChoices()]);
  return (
    <>
      <PageHeader
        title="Brugere"
        lead="En ændret rolle gælder fra brugerens næste klik. En deaktiveret bruger logges ud overalt."
      />
      <section className="mb-8 max-w-text">
        <SupplierUserForm action={createUser} suppliers={suppliers} />
      </section>
      <DataTable
        caption="Portalens brugere"
        captionHidden
        compact
        rows={users}
        rowKey={(user) => user.id}
        columns={[
          { key: "name", header: "Navn", rowHeader: true, cell: (user) => `${user.name}${user.active ? "" : " (deaktiveret)"}` },
          { key: "email", header: "E-mail", cell: (user) => user.email },
          { key: "org", header: "Organisation", cell: (user) =>
              user.supplier ? `${user.supplier.name} (CVR ${user.supplier.cvr})` : (user.institution?.name ?? user.ministry?.name ?? "Statens Indkøb"),
          },
          {
            key: "role",
            header: "Rolle",
            cell: (user) =>
              user.id === admin.id || user.role === "SUPPLIER" ? (
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
