// A GET form over the URL's filters: it works without JavaScript (submit button) and submits on change with it,
// so every view is a link and back/forward replay it.
import { Form, useSearchParams, useSubmit } from "@remix-run/react";

export interface FilterOption {
  value: string;
  label: string;
}

export interface FilterField {
  name: string;
  label: string;
  options: FilterOption[];
  /** Label of the "no filter" choice; omit to force a value (e.g. year). */
  allLabel?: string;
}

export function FilterBar({ fields }: { fields: FilterField[] }) {
  const [params] = useSearchParams();
  const submit = useSubmit();
  return (
    <Form method="get" className="filter-bar" onChange={(e) => submit(e.currentTarget, { preventScrollReset: true })}>
      {fields.map((f) => (
        <label key={f.name}>
          {f.label}
          <select name={f.name} defaultValue={params.get(f.name) ?? ""} key={params.get(f.name) ?? ""}>
            {f.allLabel !== undefined && <option value="">{f.allLabel}</option>}
            {f.options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
      ))}
      <noscript>
        <button type="submit">筛选</button>
      </noscript>
    </Form>
  );
}
