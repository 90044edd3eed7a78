import type { Metadata } from "next";
import { AlertSettingsForm } from "@/components/JobForms";
import { PageHeader } from "@/components/PageHeader";
import { requirePermission } from "@/lib/auth/guard";
import { ALERT_KINDS, alertSettings, OPTIONAL_ALERTS } from "@/lib/reminders/preferences";
import { saveSettings } from "./actions";

export const metadata: Metadata = { title: "Indstillinger" };

export default async function SettingsPage() {
  const user = await requirePermission("settings.edit");
  const settings = await alertSettings(user.id);
  return (
    <>
      <PageHeader
        title="Indstillinger"
        lead="Vælg, hvilke varsler portalen sender dig. Beskederne kommer i portalen under Beskeder og som e-mail."
      />
      <AlertSettingsForm
        action={saveSettings}
        options={ALERT_KINDS.map((kind) => ({ kind, ...OPTIONAL_ALERTS[kind], enabled: settings[kind] }))}
      />
      <h2 className="mt-10">Beskeder, du altid får</h2>
      <p className="mt-2 max-w-3xl">
        Påmindelser om frister, når din institution (eller en institution i dit ministerområde) endnu ikke har indsendt indkøbsdata, og påmindelser til
        leverandører om manglende salgsrapporter, kan ikke slås fra: de handler om en pligt. Hver besked fortæller, hvorfor du får den.
      </p>
    </>
  );
}
