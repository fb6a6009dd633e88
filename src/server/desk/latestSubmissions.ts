import type { Campaign } from "../../domain";
import type { CollegeSubmission } from "../../domain/merge";
import { HttpError } from "../httpErrors";
import type { DeskContext } from "./deskContext";

/**
 * Every campaign college's latest submission, as rows (the merge, the duplicate report, the school-wide
 * list checks). A college whose stored list cannot be read is never silently left out: 409 naming it.
 */
export async function latestSubmissions(
  ctx: Pick<DeskContext, "queries" | "rows">,
  campaign: Campaign,
): Promise<CollegeSubmission[]> {
  const latest = ctx.queries.latestByCollege();
  const metas = campaign.colleges.flatMap((c) => latest.get(c.name)?.meta ?? []);
  const sheets = await Promise.all(metas.map((m) => ctx.rows.of(m)));
  const unreadable = metas.filter((_m, i) => !sheets[i]).map((m) => m.college);
  if (unreadable.length)
    throw new HttpError(
      409,
      `服务器上${unreadable.join("、")}最新提交的名单文件无法读取，未能合并；请该学院重新提交后再试`,
      { colleges: unreadable },
    );
  return sheets as CollegeSubmission[];
}
