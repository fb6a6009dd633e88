import { Divider, Link, makeStyles, Spinner, Text, tokens } from "@fluentui/react-components";
import type { HostCapabilities } from "../../excel/hostApi";
import type { PaneConfig } from "../usePaneConfig";
import { MarkingSetting } from "./MarkingSetting";
import { ProfileForm } from "./ProfileForm";
import { ServerSettings } from "./ServerSettings";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
});

export function SettingsTab(props: { config: PaneConfig; capabilities: HostCapabilities; started: boolean }) {
  const s = useStyles();
  const { config } = props;
  return (
    <div className={s.root}>
      <Text weight="semibold">学院资料</Text>
      {config.profileLoaded ? (
        <ProfileForm
          campaign={config.campaign}
          profile={config.profile}
          server={config.serverProfile}
          onSave={config.saveProfile}
        />
      ) : props.started ? (
        <Spinner size="tiny" label="正在读取学院资料…" />
      ) : (
        <Text size={200}>打开名单所在的工作簿后才能填写学院资料（保存在工作簿中）。</Text>
      )}
      <Divider />
      <Text weight="semibold">标记</Text>
      <MarkingSetting
        capabilities={props.capabilities}
        marking={config.settings.marking}
        onChange={config.setMarking}
      />
      <Divider />
      <Text weight="semibold">发送</Text>
      <ServerSettings settings={config.settings} origin={config.origin} onSave={config.saveSettings} />
      <Divider />
      <Text weight="semibold">帮助</Text>
      <Text size={200}>
        {/* Served beside the pane (same folder on the same server), so a relative address reaches it. */}
        每一步怎么做、每个问题是什么意思、怎样改正：
        <Link href="guide.html" target="_blank" rel="noopener">
          使用说明
        </Link>
        。
      </Text>
    </div>
  );
}
