"use client";
import dynamic from "next/dynamic";
import { useFormContext, useWatch } from "react-hook-form";
import type { WizardValues } from "@/lib/jobs/draft";
import { localInputToCiTime } from "@/lib/jobs/draft-request";
import { previewParamsOf } from "@/lib/query/batch-files";
import { RadioGroup, Section, TextInput } from "../form-controls";

// The preview (issue 13) loads with this step, not with the wizard's first page.
const InputPreviewPanel = dynamic(() => import("../input-preview").then((m) => m.InputPreviewPanel), { ssr: false });

const SOURCES = [
  {
    value: "Prefix",
    label: "Prefix",
    description: "Every object whose key starts with this text, e.g. videos/2024/.",
    placeholder: "videos/2024/",
  },
  {
    value: "Object",
    label: "Object",
    description: "One object, by its full key, e.g. videos/intro.mp4.",
    placeholder: "videos/intro.mp4",
  },
  {
    value: "UrlFile",
    label: "URL file",
    description: "A text file in the bucket that lists one object URL per line.",
    placeholder: "lists/to-process.txt",
  },
  {
    value: "Manifest",
    label: "Inventory manifest",
    description: "The manifest.json of a COS inventory report; every object it lists is processed.",
    placeholder: "inventory/examplebucket/manifest.json",
  },
] as const;

/** The browser's UTC offset now, e.g. "UTC+08:00", so people know which clock the times use. */
function utcOffsetLabel(): string {
  const m = -new Date().getTimezoneOffset();
  const sign = m < 0 ? "−" : "+";
  const a = Math.abs(m);
  return `UTC${sign}${String(Math.floor(a / 60)).padStart(2, "0")}:${String(a % 60).padStart(2, "0")}`;
}

function CiTimePreview({ value }: { value: string | undefined }) {
  if (!value) return null;
  return <span className="font-mono"> Sent as {localInputToCiTime(value)}</span>;
}

/** Step 2: which files (exactly one input source) and, optionally, an upload-time window. */
export function InputStep() {
  const { control } = useFormContext<WizardValues>();
  const source = useWatch({ control, name: "inputSource" });
  const start = useWatch({ control, name: "Operation.TimeInterval.Start" });
  const end = useWatch({ control, name: "Operation.TimeInterval.End" });
  const current = SOURCES.find((s) => s.value === source) ?? SOURCES[0];
  const bucket = useWatch({ control, name: "bucket" });
  const inputValue = useWatch({ control, name: `Input.${current.value}` });
  const preview = previewParamsOf(
    bucket ?? "",
    current.value,
    typeof inputValue === "string" ? inputValue : "",
    start ? localInputToCiTime(start) : undefined,
    end ? localInputToCiTime(end) : undefined,
  );
  const zone = `${Intl.DateTimeFormat().resolvedOptions().timeZone} (${utcOffsetLabel()})`;

  return (
    <div className="space-y-4">
      <Section
        title="Input files"
        description="A batch job runs once for each file its input matches. Choose one kind of input."
      >
        <RadioGroup name="inputSource" legend="Input kind" options={SOURCES} layout="column" />
        <TextInput
          key={current.value}
          name={`Input.${current.value}`}
          label={current.label}
          required
          placeholder={current.placeholder}
          help={current.description}
        />
        <InputPreviewPanel params={preview} />
      </Section>
      <Section
        title="Upload-time filter (optional)"
        description={`Only files uploaded in this window are processed (CI applies it to Prefix input). Times are in your time zone, ${zone}.`}
      >
        <div className="grid gap-4 sm:grid-cols-2">
          <TextInput
            name="Operation.TimeInterval.Start"
            label="Uploaded from"
            type="datetime-local"
            step={1}
            help={<CiTimePreview value={start} />}
          />
          <TextInput
            name="Operation.TimeInterval.End"
            label="Uploaded until"
            type="datetime-local"
            step={1}
            help={<CiTimePreview value={end} />}
          />
        </div>
      </Section>
    </div>
  );
}
