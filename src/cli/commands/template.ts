import { DEFAULT_TEMPLATE } from "../../domain";
import { writeTemplate } from "../../files/writeWorkbook";
import type { CliArgs } from "../args";
import { EXIT_OK, type CliIO } from "../io";
import { loadCampaign } from "../load";
import { requireOutput, writeOutput } from "../output";

export async function templateCommand(args: CliArgs, io: CliIO): Promise<number> {
  const out = requireOutput(args.values.output, "模版");
  const campaign = await loadCampaign(args.values.config);
  const bytes = await writeTemplate(DEFAULT_TEMPLATE, campaign, {
    title: `${campaign.cohort}图像信息采集名单`,
  });
  await writeOutput(out, bytes);
  io.stdout(`已生成空白模版：${out}\n`);
  return EXIT_OK;
}
