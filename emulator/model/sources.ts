/**
 * The sources the model cites, spelled once. Doc ids are cloud.tencent.com / tencentcloud.com page numbers; SDK
 * files are at the commits docs/ci-api.md names.
 */
export const SRC = {
  docJob: "doc 460/80155 + 436/113271 (CreateInventoryTriggerJob, Job type: request element table)",
  docWorkflow: "doc 436/76888 (CreateInventoryTriggerJob, Workflow type: request element table)",
  docOutput: "doc 460/80155 Output table (Region, Bucket, Object 是)",
  docStreamExtract: "doc 1045/48939 (StreamExtract sample: Output.StreamExtract{Index,Object})",
  docTimeFormat: "doc 436/76888 TimeInterval (%Y-%m-%dT%H:%M:%S%z)",
  docJobParamRule: "doc 460/80155 JobParam table per Tag (docs/ci-api.md §4.0)",
  docBatchInline: "doc 1045/50369 (batch jobs: inline Transcode/Watermark for VideoProcess, SuperResolution, SDRtoHDR)",
  goOperation: "cos-go-sdk-v5 ci_media.go InventoryTriggerJobOperation",
  goJobParam: "cos-go-sdk-v5 ci_media.go InventoryTriggerJobOperationJobParam",
  goOutput: "cos-go-sdk-v5 ci_media.go JobOutput",
  goKafka: "cos-go-sdk-v5 ci_media.go KafkaConfig",
  goMq: "cos-go-sdk-v5 ci_media.go NotifyConfigCallBackMqConfig",
  phpTrigger: "cos-php-sdk-v5 src/Service/Descriptions.php CreateInventoryTriggerJob",
  javaOperation: "cos-java-sdk-v5 model/ciModel/job/BatchJobOperation.java + xml/CIMediaXmlFactory.addBatchOperation",
  andCommon:
    "qcloud-sdk-android model/ci Submit*Job (UserData ≤1024 printable, JobLevel 0-2, CallBackFormat, CallBackType)",
  andMq: "qcloud-sdk-android model/ci/common/CallBackMqConfig.java",
  pyImageInspect: "cos-python-sdk-v5 ut/test.py test_ci_create_inventory_trigger_jobs (Tag ImageInspect, no Output)",
} as const;
