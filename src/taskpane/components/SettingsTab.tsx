import { Divider, makeStyles, Spinner, Text, tokens } from "@fluentui/react-components";
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
    </div>
  );
}
