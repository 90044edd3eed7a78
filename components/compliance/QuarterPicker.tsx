import { Button } from "@/components/Button";
import { Select } from "@/components/Select";
import { quarterName } from "@/lib/compliance/figures";

type QuarterPickerProps = {
  action: string;
  quarters: readonly string[];
  quarter: string;
  /** Other parameters of the page to keep. */
  hidden?: Record<string, string | number | null | undefined>;
};

/** Choose the quarter (a GET form, so the choice is in the URL). */
export function QuarterPicker({ action, quarters, quarter, hidden = {} }: QuarterPickerProps) {
  return (
    <form method="get" action={action} className="mb-8 flex flex-wrap items-end gap-4 print:hidden">
      {Object.entries(hidden).map(([name, value]) =>
        value === null || value === undefined || value === "" ? null : <input key={name} type="hidden" name={name} value={String(value)} />,
      )}
      <Select
        id="kvartal"
        name="kvartal"
        label="Kvartal"
        defaultValue={quarter}
        options={[...quarters].reverse().map((q) => ({ value: q, label: quarterName(q) }))}
      />
      <Button type="submit" variant="secondary">
        Vis
      </Button>
    </form>
  );
}
