import { DEFAULT_TEMPLATE } from "../../domain";
import type { CliArgs } from "../args";
import { EXIT_OK, type CliIO } from "../io";
import { loadCampaign } from "../load";
import { checkOutputs, commitOutputs, requireOutput } from "../output";

export async function templateCommand(args: CliArgs, io: CliIO): Promise<number> {
  const out = requireOutput(args.values.output, "模版");
  await checkOutputs(io, [{ path: out, what: "模版" }], [args.values.config]);
  const campaign = await loadCampaign(io.cwd, args.values.config);
  const { writeTemplate } = await import("../../files/writeWorkbook");
  const bytes = await writeTemplate(DEFAULT_TEMPLATE, campaign, {
    title: `${campaign.cohort}图像信息采集名单`,
  });
  await commitOutputs(io, [{ path: out, data: bytes }]);
  io.stdout(`已生成空白模版：${out}\n`);
  return EXIT_OK;
}
