// 六维得分与同类项目比较: one project's six dimension scores against the median of the year's projects of its kind,
// the project picked by a GET form over the page's URL (so the choice is a link too).
import { Form, Link, useSearchParams, useSubmit } from "@remix-run/react";
import { useMemo } from "react";
import { Chart } from "~/components/Chart";
import { projectHref } from "~/components/record-links";
import { radarOption, radarTable } from "~/charts/radar";
import type { PerformanceView } from "~/models/performance.server";

function RadarPicker({ choices, selected }: { choices: { projectId: string; name: string }[]; selected: string | null }) {
  const [params] = useSearchParams();
  const submit = useSubmit();
  if (choices.length === 0) return null;
  const keep = [...params.entries()].filter(([k]) => k !== "project");
  return (
    <Form method="get" className="inline-form" preventScrollReset onChange={(e) => submit(e.currentTarget, { preventScrollReset: true })}>
      {keep.map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <label>
        项目
        <select name="project" defaultValue={selected ?? ""} key={selected ?? ""}>
          {choices.map((c) => (
            <option key={c.projectId} value={c.projectId}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <noscript>
        <button type="submit">比较</button>
      </noscript>
    </Form>
  );
}

export function RadarCard({ view, year }: { view: PerformanceView; year: number }) {
  const option = useMemo(
    () => (view.radar ? radarOption(view.radar.rows, { projectName: view.radar.name, kind: view.radar.kind }) : null),
    [view.radar],
  );
  return (
    <section className="card" data-testid="radar">
      <h2>六维得分与同类项目比较</h2>
      <RadarPicker choices={view.radarChoices} selected={view.radar?.projectId ?? null} />
      {view.radar && option ? (
        <>
          <p className="hint">
            <Link to={projectHref(view.radar.projectId, year)}>{view.radar.name}</Link>{" "}
            与 {year}年全部{view.radar.kind}类项目各维度得分的中位数比较（含本项目）。
          </p>
          <Chart
            option={option}
            label={`${view.radar.name}六维得分雷达图`}
            height={340}
            table={radarTable(view.radar.rows)}
            exportData={{ relation: "mart_scores", filters: { year } }}
          />
        </>
      ) : (
        <p className="muted">该年度没有可比较的评分项目。</p>
      )}
    </section>
  );
}
