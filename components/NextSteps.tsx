import { ButtonLink } from "./Button";

export type NextStepLink = { href: string; label: string; primary?: boolean; download?: boolean };

/** The actions an institution can take next on an agreement (enrol, see its enrolment, ask to join the next phase). */
export function NextSteps({ steps, note }: { steps: readonly NextStepLink[]; note?: string | null }) {
  return (
    <div className="mt-4 space-y-3">
      {note ? <p>{note}</p> : null}
      <ul className="flex flex-wrap gap-3">
        {steps.map((step) => (
          <li key={step.href}>
            {step.download ? (
              // A file: a plain link, so the browser downloads it.
              <a href={step.href} download className="font-semibold">
                {step.label}
              </a>
            ) : (
              <ButtonLink href={step.href} variant={step.primary ? "primary" : "secondary"}>
                {step.label}
              </ButtonLink>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
