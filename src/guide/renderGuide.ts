import { DEFAULT_CAMPAIGN } from "../domain/campaign";
import { DEFAULT_TEMPLATE } from "../domain/template";
import { loadConfig } from "../server/config";
import { guideGroups, type GuideEntry } from "./problemGuide";

/**
 * guide.html, the secretaries' guide in Chinese, rendered at build time (webpack.config.js) from the
 * engine's own messages and the server's defaults. Plain HTML without script: it opens in any browser,
 * including the Internet Explorer 11 web view of older Office.
 */

function esc(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

const SEVERITY_LABEL = { error: "错误", warning: "警告" } as const;

function problemRow(e: GuideEntry): string {
  return `<tr id="${esc(e.code)}"><td><code>${esc(e.code)}</code><br />${SEVERITY_LABEL[e.severity]}</td><td>${esc(e.message)}</td><td>${esc(e.fix)}</td></tr>`;
}

function problemTables(): string {
  return guideGroups()
    .map(
      (g) => `<h3>${esc(g.title)}</h3>
<table>
<thead><tr><th>代码 · 级别</th><th>窗格中的提示（示例）</th><th>怎样改</th></tr></thead>
<tbody>
${g.entries.map(problemRow).join("\n")}
</tbody>
</table>`,
    )
    .join("\n");
}

/** The server's default retention (RETENTION_DAYS), read from its own configuration defaults. */
function defaultRetentionDays(): number {
  return loadConfig({}, "/").retentionDays;
}

const STYLE = `
body { font-family: "Microsoft YaHei", "PingFang SC", "Segoe UI", sans-serif; max-width: 52rem; margin: 2rem auto;
  padding: 0 1rem; line-height: 1.7; color: #242424; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.2rem; margin-top: 2rem; } h3 { font-size: 1.05rem; margin-top: 1.4rem; }
table { border-collapse: collapse; width: 100%; font-size: 0.95rem; }
th, td { border: 1px solid #d1d1d1; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #f5f5f5; } td:first-child { white-space: nowrap; }
code { font-family: Consolas, "Courier New", monospace; word-break: break-all; }
img { max-width: 100%; height: auto; border: 1px solid #d1d1d1; } figcaption { font-size: 0.9rem; color: #616161; }
.screen { border-left: 4px solid #0f6cbd; background: #f5f9fd; padding: 0.4rem 0.8rem; margin: 0.6rem 0; }
`;

export function renderGuide(): string {
  const c = DEFAULT_CAMPAIGN;
  const days = defaultRetentionDays();
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8" />
<meta http-equiv="X-UA-Compatible" content="IE=Edge" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>采集名单助手 · 研究生秘书使用指南</title>
<style>${STYLE}</style>
</head>
<body>
<h1>采集名单助手 · 研究生秘书使用指南</h1>
<p>每年研究生院请各学院研究生秘书报送参加毕业生图像信息采集的研究生名单。名单中的姓名、学号、身份证号、培养层次只要有一项与研究生综合管理系统不一致，
照片就无法在学信网上与学籍匹配，学生的学历证书也就无法电子注册。采集名单助手逐行检查名单，标出有问题的单元格并说明怎样改，
再生成可以直接提交的名单，一键发送给研究生院（默认邮箱 <code>${esc(c.submitTo)}</code>）。</p>
<p>目录：<a href="#get">一、学院怎样用上助手</a> · <a href="#flow">二、日常流程</a> · <a href="#problems">三、每种问题的含义和改法</a> ·
<a href="#privacy">四、学籍名单和身份证号的去向</a></p>

<h2 id="get">一、学院怎样用上助手</h2>
<ul>
<li><strong>Excel 加载项（推荐）。</strong>由学校的信息化管理员在 Microsoft 365 管理中心“集中部署”到各学院秘书的账号，
部署后通常一天内在 Excel“开始”选项卡出现“检查名单”按钮，秘书不需要自己安装。适用于 Microsoft 365、Office 2021/2024、
网页版 Excel 和 Mac 版 Excel；零售版 Office 2016/2019 需装有 Microsoft Edge WebView2 运行时。</li>
<li><strong>网页版。</strong>使用 WPS、批量许可版 Office 2016/2019（学校正版化常见的版本）或没有加载项的电脑时，在浏览器中打开
<a href="web.html">采集名单助手网页版</a>（Chrome、Edge、Firefox、Safari 以及 360、QQ 等国产浏览器均可），
打开本学院的名单文件（.xlsx、.xls 或 .csv），检查规则与加载项完全相同。改好后可下载改正后的名单和提交名单，或直接发送。</li>
<li><strong>命令行。</strong>供信息化管理员批量检查或在服务器上使用，秘书不需要。</li>
</ul>
<p>各版本能否使用加载项，另见 <a href="support.html">使用帮助</a>。</p>

<h2 id="flow">二、日常流程</h2>
<figure><img src="assets/guide/check.png" width="1280" height="760" alt="左侧是名单，有问题的单元格已填色；右侧窗格的“检查”页：名单概况（行数、错误和警告数、采集费、截止时间）和按行排列的问题列表" />
<figcaption>“检查”页：左边是名单，有问题的单元格填了颜色；右边是名单概况和问题列表（示例名单，截图由 scripts/guide-screens.ts 生成）。</figcaption></figure>
<ol>
<li><strong>打开名单或模板。</strong>打开本学院的名单；还没有名单时，在窗格中点击“插入空白模板”，会新建一张工作表：
学号、身份证号和电话列已设为文本格式，性别、培养层次、毕业时间、采集方式和学院有下拉列表。已有名单可点击“准备工作表”得到同样的设置。
表头可以在前 ${DEFAULT_TEMPLATE.headerSearchRows} 行以内，上面可以有标题行。
<div class="screen">界面：右侧窗格顶部是“名单概况”——行数、错误和警告数、按培养层次和采集方式的人数、采集费合计和提交截止时间；下面是问题列表。</div></li>
<li><strong>检查。</strong>窗格打开后自动检查；新版 Excel 中每次输入或粘贴都会立即重新检查，旧版 Excel 请点击“重新检查”。
要核对学号、身份证号、姓名和培养层次，先在“名单”页导入研究生综合管理系统导出的学籍名单，以及已采集名单（如有）。
<div class="screen">界面：有问题的单元格填上颜色（错误为浅红色，警告为浅黄色），并附有批注说明原因；问题列表按行排列，点击一条即选中对应单元格。</div></li>
<li><strong>改正。</strong>按问题列表逐条改正（每种问题的改法见第三部分）。写法问题（多余空格、全角字符、小写 x 等）点击“一键规范”即可全部改好；
有建议值的问题（如学籍中的姓名）可点击“采用建议”。</li>
<li><strong>填写异地采集的邮寄信息。</strong>先在“设置”页填好学院信息（秘书姓名、手机、邮箱、邮寄地址），再点击“填写邮寄信息”：
所有“异地采集”和“补拍”行的邮寄地址、收件人、收件人电话会填成学院的信息（照片寄回学院，收件人是秘书，不是学生本人）。</li>
<li><strong>生成提交名单。</strong>在“提交”页点击“生成提交名单”：只含没有错误的行，序号重新编排，按模板列顺序，打印时横向一页宽、每页重复表头。
有错误的行时会提示行号，可以先改正，或选择跳过有错误的行。</li>
<li><strong>发送。</strong>点击“发送”，确认收件人、人数和采集费后发出。研究生院的服务器会再检查一遍，通过后转发到研究生院邮箱，并抄送学院邮箱。
发送失败时，可把提交名单保存为文件，用邮件手动发送。</li>
<figure><img src="assets/guide/submit.png" width="1280" height="760" alt="右侧窗格的“提交”页：生成提交名单和发送到研究生院" />
<figcaption>“提交”页：先生成提交名单，再发送到研究生院。</figcaption></figure>
</ol>

<h2 id="problems">三、每种问题的含义和改法</h2>
<p>“错误”会阻止提交这一行；“警告”只是提醒，不影响提交。下表中的提示文字由助手的检查程序生成，与窗格中看到的完全一致（引号中的值是示例）。</p>
${problemTables()}

<h2 id="privacy">四、学籍名单和身份证号的去向</h2>
<ul>
<li>检查在您自己的电脑上进行，名单不会因为检查而上传。网页版也一样：除了点击“发送”，名单不会离开浏览器。</li>
<li>学籍名单和已采集名单（含全部学生的身份证号）只保存在本机加载项（或网页版）的存储中，按学院分开保存，
不写入工作簿，也不会随名单发送；不再需要时请在“名单”页点击“移除”。</li>
<li>只有点击“发送”时，提交名单才发送到研究生院的服务器。服务器再检查一遍后通过邮件转发到研究生院，
提交的文件在服务器上保存 ${days} 天（研究生院可以调整，设置项 RETENTION_DAYS）后自动删除；服务器的日志中不记录身份证号和姓名。</li>
</ul>

<h2>遇到问题</h2>
<p>请联系研究生院培养处（邮箱 <a href="mailto:${esc(c.submitTo)}">${esc(c.submitTo)}</a>），并说明所用的 Excel 或浏览器版本和出现的提示。</p>
</body>
</html>
`;
}
