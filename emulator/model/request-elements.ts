/**
 * The request element tables of `POST /inventorytriggerjob` above JobParam: Request, Input, Operation, Output and the
 * callback blocks. JobParam's contents are in job-param-elements.ts, the Tags in tag-table.ts.
 */
import { BUCKET_PATTERN, CI_TIME_PATTERN, JOB_NAME_PATTERN, PRINTABLE_ASCII, REGION_PATTERN } from "./ci-formats";
import { container, value, type ElementSpec } from "./element";
import { SRC } from "./sources";
import { TAG_NAMES } from "./tag-table";

const R = "Request";
const OP = "Request.Operation";
const OUT = "Request.Operation.Output";
const ciTime = { pattern: CI_TIME_PATTERN, format: "CI's time format, e.g. 2022-02-01T12:00:00+0800" };

export const REQUEST_ELEMENTS: readonly ElementSpec[] = [
  container(R, `${SRC.docJob}; ${SRC.docWorkflow}`, { required: true }),
  value(`${R}.Name`, `${SRC.docJob}; ${SRC.docWorkflow}`, {
    required: true,
    pattern: JOB_NAME_PATTERN,
    format: "Chinese, English letters, digits, — (or -) and _, at most 128 characters",
  }),
  // 是 for Job, 否 for Workflow: a request without Type is a Workflow request (the validator's default).
  value(`${R}.Type`, `${SRC.docJob} (Job, 是); ${SRC.docWorkflow} (Workflow, 否)`, { enum: ["Job", "Workflow"] }),
  container(`${R}.Input`, `${SRC.docJob}; ${SRC.docWorkflow}`, { required: true }),
  value(`${R}.Input.Prefix`, SRC.docWorkflow),
  value(`${R}.Input.Object`, SRC.docWorkflow),
  value(`${R}.Input.UrlFile`, SRC.docWorkflow),
  value(`${R}.Input.Manifest`, SRC.docWorkflow),
  container(OP, `${SRC.docJob}; ${SRC.docWorkflow}`, { required: true }),
  container(`${OP}.TimeInterval`, `${SRC.docWorkflow}; ${SRC.goOperation}.TimeInterval`),
  value(`${OP}.TimeInterval.Start`, SRC.docTimeFormat, ciTime),
  value(`${OP}.TimeInterval.End`, SRC.docTimeFormat, ciTime),
  // Several workflows in one trigger: "可以设置多个，用逗号分隔" (cos-java-sdk-v5 BatchJobDemo.createInventoryTriggerJobWorkflow).
  value(
    `${OP}.WorkflowIds`,
    `${SRC.docWorkflow}; cos-java-sdk-v5 demo/ci/BatchJobDemo.java createInventoryTriggerJobWorkflow`,
    {
      required: true,
      onlyFor: "Workflow",
      pattern: /^[^,\s]+(?:,[^,\s]+)*$/,
      format: "one workflow ID, or several separated by commas",
    },
  ),
  value(`${OP}.Tag`, SRC.docJob, { required: true, onlyFor: "Job", enum: TAG_NAMES }),
  container(`${OP}.JobParam`, `${SRC.docJob}; ${SRC.goJobParam}`, { onlyFor: "Job" }),
  value(`${OP}.QueueId`, `${SRC.docJob} (absent from the 436/113271 sample); ${SRC.goOperation}.QueueId`, {
    onlyFor: "Job",
  }),
  value(
    `${OP}.QueueType`,
    `${SRC.phpTrigger}; ${SRC.javaOperation}; cos-java-sdk-v5 BatchJobDemo (SpeedTranscoding when QueueId is empty)`,
    {
      onlyFor: "Job",
      enum: ["SpeedTranscoding"],
    },
  ),
  value(`${OP}.UserData`, `${SRC.goOperation}.UserData; ${SRC.andCommon}`, {
    onlyFor: "Job",
    maxLength: 1024,
    pattern: PRINTABLE_ASCII,
    format: "printable ASCII",
  }),
  value(`${OP}.JobLevel`, `${SRC.goOperation}.JobLevel; ${SRC.andCommon}`, { onlyFor: "Job", enum: ["0", "1", "2"] }),
  value(`${OP}.CallBack`, `${SRC.goOperation}.CallBack; ${SRC.andCommon}`, { onlyFor: "Job" }),
  // The SDK demos write it in lower case (`json`: cos-java-sdk-v5 BatchJobDemo.createInventoryTriggerJob2).
  value(`${OP}.CallBackFormat`, `${SRC.goOperation}.CallBackFormat; ${SRC.andCommon}`, {
    onlyFor: "Job",
    enum: ["JSON", "XML", "json", "xml"],
  }),
  value(
    `${OP}.CallBackType`,
    `${SRC.goOperation}.CallBackType; ${SRC.andCommon} (Url, TDMQ); ${SRC.javaOperation} (Kafka)`,
    {
      onlyFor: "Job",
      enum: ["Url", "TDMQ", "Kafka"],
    },
  ),
  container(`${OP}.CallBackMqConfig`, `${SRC.goOperation}.CallBackMqConfig; ${SRC.andMq}`, { onlyFor: "Job" }),
  value(`${OP}.CallBackMqConfig.MqRegion`, SRC.andMq, { required: true, enum: ["sh", "bj", "gz", "cd", "hk"] }),
  value(`${OP}.CallBackMqConfig.MqMode`, SRC.andMq, { required: true, enum: ["Queue", "Topic"] }),
  value(`${OP}.CallBackMqConfig.MqName`, SRC.andMq, { required: true }),
  container(`${OP}.CallBackKafkaConfig`, `${SRC.javaOperation}; ${SRC.goKafka}`, { onlyFor: "Job" }),
  value(`${OP}.CallBackKafkaConfig.Region`, `${SRC.javaOperation}; ${SRC.goKafka}`),
  value(`${OP}.CallBackKafkaConfig.InstanceId`, `${SRC.javaOperation}; ${SRC.goKafka}`),
  value(`${OP}.CallBackKafkaConfig.Topic`, `${SRC.javaOperation}; ${SRC.goKafka}`),
  value(`${OP}.FreeTranscode`, `${SRC.goOperation}.FreeTranscode`, { onlyFor: "Job" }),
  container(OUT, `${SRC.docOutput}; ${SRC.goOutput}`, { onlyFor: "Job" }),
  value(`${OUT}.Region`, SRC.docOutput, {
    required: true,
    pattern: REGION_PATTERN,
    format: "a region such as ap-beijing",
  }),
  value(`${OUT}.Bucket`, SRC.docOutput, {
    required: true,
    pattern: BUCKET_PATTERN,
    format: "a bucket such as examplebucket-1250000000",
  }),
  value(`${OUT}.Object`, `${SRC.docOutput}; ${SRC.goOutput}.Object`),
  value(`${OUT}.AuObject`, `${SRC.goOutput}.AuObject; ${SRC.phpTrigger}`),
  value(`${OUT}.SpriteObject`, `${SRC.goOutput}.SpriteObject; ${SRC.phpTrigger}`),
  value(`${OUT}.BassObject`, `${SRC.goOutput}.BassObject`),
  value(`${OUT}.DrumObject`, `${SRC.goOutput}.DrumObject`),
  value(`${OUT}.Force`, `${SRC.goOutput}.Force`),
  container(`${OUT}.StreamExtract`, `${SRC.docStreamExtract}; ${SRC.goOutput}.StreamExtract`, { repeatable: true }),
  value(`${OUT}.StreamExtract.Index`, SRC.docStreamExtract, {
    required: true,
    pattern: /^\d+$/,
    format: "a stream number",
  }),
  value(`${OUT}.StreamExtract.Object`, SRC.docStreamExtract, { required: true }),
];
