/**
 * Trigger requests the official SDKs' tests and demos send, as JSON whose keys are CI's element names (the form
 * POST /api/jobs takes). Each names the SDK file and function it is copied from. Values are the SDK's own, except IDs
 * that must exist in the emulator's bucket: those are replaced by the doc samples' IDs (`SUBSTITUTED`), which the
 * emulator seeds (emulator/seed/catalog.ts DOC_SAMPLE_IDS).
 */
export const DOC_IDS = {
  workflowId: "w7476ff3564ee45b7b490d64bccaba6cc",
  queueId: "p893bcda225bf4945a378da6662e81a89",
  templateId: "t1460606b9752148c4ab182f55163ba7cd",
} as const;

export interface SdkRequest {
  name: string;
  /** SDK repository, file and function the request comes from. */
  source: string;
  request: Record<string, unknown>;
}

const OUT_CQ = (bucket: string, object: string) => ({ Region: "ap-chongqing", Bucket: bucket, Object: object });

export const SDK_REQUESTS: readonly SdkRequest[] = [
  {
    name: "go-test-transcode-template",
    source: "cos-go-sdk-v5 ci_media_test.go TestCIService_CreateInventoryTriggerJob",
    request: {
      Name: "demo",
      Type: "Job",
      Input: { Prefix: "input" },
      Operation: {
        TimeInterval: { Start: "2022-02-01T12:00:00+0800", End: "2022-05-01T12:00:00+0800" },
        QueueId: DOC_IDS.queueId,
        UserData: "this is my inventorytriggerjob",
        JobLevel: "1",
        CallBack: "https://www.callback.com",
        Tag: "Transcode",
        JobParam: { TemplateId: DOC_IDS.templateId },
        Output: OUT_CQ("test-1234567890", "output/${InventoryTriggerJobId}/out.mp4"),
      },
    },
  },
  {
    name: "go-example-job-by-param",
    // SUBSTITUTED: TemplateId t00daf332ba39049f8bfb899c1ed0134b0; Name "trigger-" + rand.
    source: "cos-go-sdk-v5 example/CI/workflow_and_job/inventory.go CreateInventoryTriggerJobByParam",
    request: {
      Name: "trigger-42",
      Type: "Job",
      Input: { Prefix: "input/" },
      Operation: {
        TimeInterval: { Start: "2002-02-16T10:45:12+0800", End: "2023-05-16T10:45:12+0800" },
        Tag: "Transcode",
        JobParam: { TemplateId: DOC_IDS.templateId },
        JobLevel: "1",
        UserData: "This is my CreateInventoryTriggerJob",
        Output: OUT_CQ("test-123456789", "output/${InputName}_${InventoryTriggerJobId}.${ext}"),
      },
    },
  },
  {
    name: "go-example-workflow-manifest-no-type",
    // SUBSTITUTED: WorkflowIds web6ac56c1ef54dbfa44d7f4103203be9. The Go struct sends no <Type> here (Workflow is CI's default).
    source: "cos-go-sdk-v5 example/CI/workflow_and_job/inventory.go CreateInventoryTriggerJob",
    request: {
      Name: "trigger-7",
      Input: {
        Manifest:
          "https://test-123456789.cos.ap-chongqing.myqcloud.com/cos_bucket_inventory/123456789/test/menu_instant_20220506171340/20220506/manifest.json",
      },
      Operation: {
        WorkflowIds: DOC_IDS.workflowId,
        TimeInterval: { Start: "2002-02-16T10:45:12+0800", End: "2022-05-16T10:45:12+0800" },
      },
    },
  },
  {
    name: "python-test-image-inspect",
    source: "cos-python-sdk-v5 ut/test.py test_ci_create_inventory_trigger_jobs",
    request: {
      Name: "image-inspect-auto-move-batch-process",
      Type: "Job",
      Input: { Object: "test.png" },
      Operation: { Tag: "ImageInspect", JobParam: { ImageInspect: { AutoProcess: "false" } } },
    },
  },
  {
    name: "python-demo-image-inspect-backup",
    source: "cos-python-sdk-v5 demo/ci_media.py ci_create_image_inspect_batch_jobs",
    request: {
      Name: "image-inspect-auto-move-batch-process",
      Type: "Job",
      Input: { Prefix: "/" },
      Operation: {
        TimeInterval: { Start: "2023-05-01T00:00:00+0800", End: "2023-06-01T00:00:00+0800" },
        Tag: "ImageInspect",
        JobParam: { ImageInspect: { AutoProcess: "true", ProcessType: "BackupObject" } },
      },
    },
  },
  {
    name: "python-demo-image-inspect-workflow",
    // SUBSTITUTED: WorkflowIds w2504f47ad46exxxxxxxxxxxxxx (a placeholder in the demo).
    source: "cos-python-sdk-v5 demo/ci_media.py ci_create_image_inspect_workflow_batch_jobs",
    request: {
      Name: "image-inspect-auto-move-batch-process",
      Type: "Workflow",
      Input: { Prefix: "/" },
      Operation: {
        TimeInterval: { Start: "2023-05-01T00:00:00+0800", End: "2023-06-01T00:00:00+0800" },
        WorkflowIds: DOC_IDS.workflowId,
      },
    },
  },
  {
    name: "java-demo-transcode-template",
    // SUBSTITUTED: TemplateId t0e2b9f4cd25184c6ab73d0c85a6ee9cb5.
    source: "cos-java-sdk-v5 demo/ci/BatchJobDemo.java createInventoryTriggerJob",
    request: {
      Name: "demo",
      Type: "Job",
      Input: { Prefix: "media/" },
      Operation: {
        Tag: "Transcode",
        JobParam: { TemplateId: DOC_IDS.templateId },
        Output: OUT_CQ("demo-1234567890", "out/${InventoryTriggerJobId}.mp4"),
      },
    },
  },
  {
    name: "java-demo-workflow-time-interval",
    source: "cos-java-sdk-v5 demo/ci/BatchJobDemo.java createInventoryTriggerJobWorkflow",
    request: {
      Name: "workflow-demo",
      Type: "Workflow",
      Input: { Prefix: "media/" },
      Operation: {
        TimeInterval: { Start: "2022-02-01T12:00:00+0800", End: "2022-05-01T12:00:00+0800" },
        WorkflowIds: DOC_IDS.workflowId,
      },
    },
  },
  {
    name: "java-demo-workflow-manifest",
    source: "cos-java-sdk-v5 demo/ci/BatchJobDemo.java createInventoryTriggerJobWorkflowWithManifest",
    request: {
      Name: "workflow-manifest-demo",
      Type: "Workflow",
      Input: { Manifest: "manifest.json" },
      Operation: { WorkflowIds: DOC_IDS.workflowId },
    },
  },
  {
    name: "java-demo-workflow-url-file",
    source: "cos-java-sdk-v5 demo/ci/BatchJobDemo.java createInventoryTriggerJobWorkflowWithUrlFile",
    request: {
      Name: "workflow-urlfile-demo",
      Type: "Workflow",
      Input: { UrlFile: "url-list.txt" },
      Operation: { WorkflowIds: DOC_IDS.workflowId },
    },
  },
  {
    name: "java-demo-pic-process",
    source: "cos-java-sdk-v5 demo/ci/BatchJobDemo.java createInventoryTriggerJob2",
    request: {
      Name: "demo",
      Type: "Job",
      Input: { Prefix: "mark1/1" },
      Operation: {
        Tag: "PicProcess",
        JobParam: { PicProcess: { IsPicInfo: "true", ProcessRule: "imageMogr2/thumbnail/!50p" } },
        Output: OUT_CQ("demo-1234567890", "out/${InventoryTriggerJobId}"),
      },
    },
  },
  {
    name: "java-demo-segment-aigc-metadata",
    source: "cos-java-sdk-v5 demo/ci/BatchJobDemo.java createInventoryTriggerJobSegmentWithAigcMetadata",
    request: {
      Name: "demo",
      Type: "Job",
      Input: { Prefix: "media/" },
      Operation: {
        Tag: "Segment",
        JobParam: {
          Segment: {
            Format: "mp4",
            AIGCMetadata: {
              Label: "label",
              ContentProducer: "testProducer",
              ProduceID: "testProduceId",
              ReservedCode1: "dGVzdA==",
              ContentPropagator: "testPropagator",
              PropagateID: "testPropagateId",
              ReservedCode2: "dGVzdA==",
            },
          },
        },
        Output: OUT_CQ("demo-1234567890", "out/${InventoryTriggerJobId}.mp4"),
      },
    },
  },
  {
    name: "java-demo-speed-transcoding",
    // SUBSTITUTED: TemplateId t0e2b9f4cd25184c6ab73d0c85a6ee9cb5.
    source: "cos-java-sdk-v5 demo/ci/BatchJobDemo.java createInventoryTriggerJobWithSpeedTranscoding",
    request: {
      Name: "demo-speed-transcoding",
      Type: "Job",
      Input: { Prefix: "media/" },
      Operation: {
        Tag: "Transcode",
        QueueType: "SpeedTranscoding",
        JobParam: { TemplateId: DOC_IDS.templateId },
        Output: OUT_CQ("demo-1234567890", "out/${InventoryTriggerJobId}.mp4"),
      },
    },
  },
  {
    name: "java-demo-kafka-callback",
    source: "cos-java-sdk-v5 demo/ci/BatchJobDemo.java createInventoryTriggerJobWithKafkaCallback",
    request: {
      Name: "demo",
      Type: "Job",
      Input: { Prefix: "mark1/1" },
      Operation: {
        Tag: "PicProcess",
        CallBackFormat: "json",
        CallBackType: "Kafka",
        CallBackKafkaConfig: { Region: "ap-chongqing", InstanceId: "instance_id", Topic: "topic" },
        JobParam: { PicProcess: { IsPicInfo: "true", ProcessRule: "imageMogr2/thumbnail/!50p" } },
        Output: OUT_CQ("demo-1234567890", "out/${InventoryTriggerJobId}"),
      },
    },
  },
  {
    name: "java-test-queue-user-data",
    // SUBSTITUTED: QueueId p3b1b5caea2d448d3bcd3f62534d8a2af, TemplateId t0e2b9f4cd25184c6ab73d0c85a6ee9cb5; bucket/region are the test's own.
    source: "cos-java-sdk-v5 src/test/java/com/qcloud/cos/ci/BatchJobTest.java testCreateInventoryTriggerJob",
    request: {
      Name: "demo-basic-job",
      Type: "Job",
      Input: { Prefix: "media/" },
      Operation: {
        QueueId: DOC_IDS.queueId,
        Tag: "Transcode",
        UserData: "test user data",
        JobLevel: "0",
        JobParam: { TemplateId: DOC_IDS.templateId },
        Output: {
          Region: "ap-beijing",
          Bucket: "examplebucket-1250000000",
          Object: "output/${InventoryTriggerJobId}.mp4",
        },
      },
    },
  },
  {
    name: "php-sample-workflow-chinese-name",
    // SUBSTITUTED: WorkflowIds w9938ed4b1435448783xxxxxxxxxxxxx (a placeholder in the sample).
    source: "cos-php-sdk-v5 sample/createInventoryTriggerJob.php (first call)",
    request: {
      Name: "存量触发任务名称",
      Type: "Workflow",
      Input: { Object: "test01.png" },
      Operation: { WorkflowIds: DOC_IDS.workflowId },
    },
  },
  {
    name: "js-demo-workflow",
    // SUBSTITUTED: WorkflowIds 'xxxx' (a placeholder in the demo).
    source: "cos-js-sdk-v5 demo/CIDemos/taskAndWorkflow.js CreateInventoryTriggerJob",
    request: {
      Name: "demo",
      Type: "Workflow",
      Input: { Prefix: "inputtest" },
      Operation: {
        TimeInterval: { Start: "2022-02-01T12:00:00+0800", End: "2022-05-01T12:00:00+0800" },
        WorkflowIds: DOC_IDS.workflowId,
      },
    },
  },
];
