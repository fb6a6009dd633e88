import { makeStyles, tokens } from "@fluentui/react-components";
import type { Severity } from "../../domain";

/** Severity marks drawn here (16 px), so the pane needs no icon package. */
const useStyles = makeStyles({
  icon: { flexShrink: 0, width: "16px", height: "16px" },
  error: { color: tokens.colorPaletteRedForeground1 },
  warning: { color: tokens.colorPaletteDarkOrangeForeground1 },
});

export function SeverityIcon({ severity }: { severity: Severity }) {
  const s = useStyles();
  const label = severity === "error" ? "错误" : "警告";
  return (
    <svg
      role="img"
      aria-label={label}
      viewBox="0 0 16 16"
      className={`${s.icon} ${severity === "error" ? s.error : s.warning}`}
    >
      {severity === "error" ? (
        <>
          <circle cx="8" cy="8" r="7" fill="currentColor" />
          <path d="M5.5 5.5l5 5m0-5l-5 5" stroke="white" strokeWidth="1.6" strokeLinecap="round" />
        </>
      ) : (
        <>
          <path d="M8 1.5l7 12.5H1z" fill="currentColor" strokeLinejoin="round" />
          <path d="M8 6v4" stroke="white" strokeWidth="1.6" strokeLinecap="round" />
          <circle cx="8" cy="12" r="0.9" fill="white" />
        </>
      )}
    </svg>
  );
}
