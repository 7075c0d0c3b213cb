// A headline figure on a card: what it counts, the value (red when it is bad news) and a note on how it is counted.
import type { ReactNode } from "react";

export function Kpi({ label, value, note, tone }: { label: ReactNode; value: ReactNode; note?: ReactNode; tone?: "bad" }) {
  return (
    <div className="card kpi">
      <div className="label">{label}</div>
      <div className={`value${tone ? ` ${tone}` : ""}`}>{value}</div>
      {note && <div className="kpi-note">{note}</div>}
    </div>
  );
}
