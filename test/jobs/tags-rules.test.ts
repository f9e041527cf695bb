/** Cross-field rules (refineOperation and the Output rules), one block per rule. */
import { describe, expect, it } from "vitest";
import { example, expectIssue, expectValid, issues, OUTPUT, withOutput, withParam } from "./tags-support";

const TID = "t1460606b9752148c4ab182f55163ba7cd";

describe("Output fields per Tag", () => {
  it("requires Output.Object for object-writing Tags", () => {
    expectIssue(
      "Transcode",
      withOutput("Transcode", { Object: undefined }),
      "Output.Object",
      "Output Object (the result file name) is required for Transcode",
    );
    expectIssue(
      "PicProcess",
      withOutput("PicProcess", { Object: "" }),
      "Output.Object",
      "required for Image processing",
    );
  });

  it("rejects AuObject outside VoiceSeparate, SpriteObject outside Snapshot, StreamExtract outside StreamExtract", () => {
    expectIssue(
      "Transcode",
      withOutput("Transcode", { AuObject: "a.mp3" }),
      "Output.AuObject",
      "only for VoiceSeparate jobs",
    );
    expectIssue(
      "SmartCover",
      withOutput("SmartCover", { SpriteObject: "s-${Number}.jpg" }),
      "Output.SpriteObject",
      "only for Snapshot jobs",
    );
    expectIssue(
      "Transcode",
      withOutput("Transcode", { StreamExtract: [{ Index: "0", Object: "a.mp4" }] }),
      "Output.StreamExtract",
      "only for StreamExtract jobs",
    );
    expectIssue(
      "VoiceSeparate",
      withOutput("VoiceSeparate", { SpriteObject: "s.jpg" }),
      "Output.SpriteObject",
      "only for Snapshot",
    );
  });

  it("rejects any Output for Tags that write none (request-schema)", () => {
    expectIssue("MediaInfo", { Output: { ...OUTPUT, Object: "x" } }, "Output", "takes no Output");
    expectValid("VideoTag", example("VideoTag"));
  });
});

describe("${Number} in Output.Object", () => {
  it("SmartCover needs it unless Count is 1", () => {
    expectIssue(
      "SmartCover",
      withOutput("SmartCover", { Object: "cover/a.jpg" }),
      "Output.Object",
      "must contain ${Number}",
    );
    expectIssue(
      "SmartCover",
      withOutput("SmartCover", { Object: "cover/a.jpg" }, withParam("SmartCover", { "SmartCover.Count": undefined })),
      "Output.Object",
      "${Number}",
    );
    expectValid("SmartCover", withOutput("SmartCover", { Object: "cover/a-${number}.jpg" }));
    expectValid(
      "SmartCover",
      withOutput("SmartCover", { Object: "cover/a.jpg" }, withParam("SmartCover", { "SmartCover.Count": "1" })),
    );
    // A template's count is unknown here; the default is 3, so ${Number} is still required.
    expectIssue(
      "SmartCover",
      { JobParam: { TemplateId: TID }, Output: { ...OUTPUT, Object: "a.jpg" } },
      "Output.Object",
      "${Number}",
    );
  });

  it("Snapshot needs it when Count > 1", () => {
    const one = withParam("Snapshot", {
      "Snapshot.Count": "1",
      "Snapshot.SnapshotOutMode": undefined,
      "Snapshot.SpriteSnapshotConfig": undefined,
    });
    expectValid("Snapshot", withOutput("Snapshot", { Object: "snap/a.jpg", SpriteObject: undefined }, one));
    const many = withParam("Snapshot", {
      "Snapshot.Count": "5",
      "Snapshot.SnapshotOutMode": undefined,
      "Snapshot.SpriteSnapshotConfig": undefined,
    });
    expectIssue(
      "Snapshot",
      withOutput("Snapshot", { Object: "snap/a.jpg", SpriteObject: undefined }, many),
      "Output.Object",
      "several snapshots",
    );
    expectValid("Snapshot", withOutput("Snapshot", { Object: "snap/a-${Number}.jpg", SpriteObject: undefined }, many));
  });

  it("Segment needs it when cutting into pieces of a non-playlist format", () => {
    expectIssue(
      "Segment",
      withOutput("Segment", { Object: "seg/a.mp4" }),
      "Output.Object",
      "mp4 pieces are separate files",
    );
    expectValid(
      "Segment",
      withOutput("Segment", { Object: "seg/a.m3u8" }, withParam("Segment", { "Segment.Format": "hls" })),
    );
    expectValid(
      "Segment",
      withOutput("Segment", { Object: "seg/a.m3u8" }, withParam("Segment", { "Segment.Format": "m3u8" })),
    );
    expectValid(
      "Segment",
      withOutput(
        "Segment",
        { Object: "seg/a.mkv" },
        withParam("Segment", { "Segment.Format": "mkv", "Segment.Duration": undefined }),
      ),
    );
  });
});

describe("Snapshot output modes", () => {
  const base = () => withParam("Snapshot", {});

  it("OnlySprite and SnapshotAndSprite need SpriteObject and sprite settings", () => {
    expectIssue(
      "Snapshot",
      withOutput("Snapshot", { SpriteObject: undefined }),
      "Output.SpriteObject",
      "required for output mode SnapshotAndSprite",
    );
    expectIssue(
      "Snapshot",
      withParam("Snapshot", { "Snapshot.SpriteSnapshotConfig": undefined }),
      "JobParam.Snapshot.SpriteSnapshotConfig",
      "Sprite settings are required",
    );
    const onlySprite = withOutput(
      "Snapshot",
      { Object: undefined },
      withParam("Snapshot", { "Snapshot.SnapshotOutMode": "OnlySprite" }),
    );
    expectValid("Snapshot", onlySprite);
  });

  it("OnlySnapshot takes no SpriteObject and no sprite settings", () => {
    const snapOnly = withParam("Snapshot", {
      "Snapshot.SnapshotOutMode": "OnlySnapshot",
      "Snapshot.SpriteSnapshotConfig": undefined,
    });
    expectIssue("Snapshot", snapOnly, "Output.SpriteObject", "applies only when the output mode includes sprites");
    const withConfig = withOutput(
      "Snapshot",
      { SpriteObject: undefined },
      withParam("Snapshot", { "Snapshot.SnapshotOutMode": undefined }),
    );
    expectIssue(
      "Snapshot",
      withConfig,
      "JobParam.Snapshot.SpriteSnapshotConfig",
      "Sprite settings applies only when Output mode is OnlySprite or SnapshotAndSprite",
    );
  });

  it("sprites are jpg and need ${Number} when they fill several sheets", () => {
    expectIssue(
      "Snapshot",
      withOutput("Snapshot", { SpriteObject: "s/sprite-${Number}.png" }),
      "Output.SpriteObject",
      "jpg only",
    );
    // 10 frames on a 5 × 2 sheet: one sprite, no counter needed.
    expectValid("Snapshot", withOutput("Snapshot", { SpriteObject: "s/sprite.jpg" }, base()));
    const many = withParam("Snapshot", { "Snapshot.Count": "30" });
    expectIssue(
      "Snapshot",
      withOutput("Snapshot", { SpriteObject: "s/sprite.jpg" }, many),
      "Output.SpriteObject",
      "30 frames fill more than one 5 × 2 sprite",
    );
  });

  it("with a template, Object or SpriteObject must be given", () => {
    expectIssue(
      "Snapshot",
      { JobParam: { TemplateId: TID }, Output: { ...OUTPUT } },
      "Output.Object",
      "Give Output Object, SpriteObject, or both",
    );
    expectValid("Snapshot", { JobParam: { TemplateId: TID }, Output: { ...OUTPUT, SpriteObject: "s-${Number}.jpg" } });
  });

  it("Average mode takes no interval; black-frame options need IsCheckBlack", () => {
    expectIssue(
      "Snapshot",
      withParam("Snapshot", { "Snapshot.Mode": "Average" }),
      "JobParam.Snapshot.TimeInterval",
      "only in Interval mode",
    );
    expectIssue(
      "Snapshot",
      withParam("Snapshot", { "Snapshot.BlackLevel": "50" }),
      "JobParam.Snapshot.BlackLevel",
      "Black level applies only when Skip black frames is true",
    );
    expectValid("Snapshot", withParam("Snapshot", { "Snapshot.BlackLevel": "50", "Snapshot.IsCheckBlack": "true" }));
  });
});

describe("VoiceSeparate", () => {
  it("needs Object or AuObject, either alone is fine", () => {
    expectIssue(
      "VoiceSeparate",
      withOutput("VoiceSeparate", { Object: undefined, AuObject: undefined }),
      "Output.Object",
      "Give Output Object (background), AuObject (vocals), or both",
    );
    expectValid("VoiceSeparate", withOutput("VoiceSeparate", { Object: undefined }));
    expectValid("VoiceSeparate", withOutput("VoiceSeparate", { AuObject: undefined }));
  });

  it("checks sample rate and channels against the codec", () => {
    expectIssue(
      "VoiceSeparate",
      withParam("VoiceSeparate", { "VoiceSeparate.AudioConfig.Codec": "amr" }),
      "JobParam.VoiceSeparate.AudioConfig.Samplerate",
      "Sample rate for amr must be 8000",
    );
    expectIssue(
      "VoiceSeparate",
      withParam("VoiceSeparate", { "VoiceSeparate.AudioConfig.Samplerate": "96000" }),
      "JobParam.VoiceSeparate.AudioConfig.Samplerate",
      "Sample rate for mp3",
    );
    expectIssue(
      "VoiceSeparate",
      withParam("VoiceSeparate", { "VoiceSeparate.AudioConfig.Channels": "6" }),
      "JobParam.VoiceSeparate.AudioConfig.Channels",
      "Channels for mp3 must be 1 or 2",
    );
  });
});

describe("StreamExtract", () => {
  it("needs at least one Output.StreamExtract item and no Object", () => {
    expectIssue(
      "StreamExtract",
      withOutput("StreamExtract", { StreamExtract: undefined }),
      "Output.StreamExtract",
      "at least one stream",
    );
    expectIssue(
      "StreamExtract",
      withOutput("StreamExtract", { StreamExtract: [] }),
      "Output.StreamExtract",
      "at least one stream",
    );
    expectIssue(
      "StreamExtract",
      withOutput("StreamExtract", { Object: "x.mp4" }),
      "Output.Object",
      "use Output StreamExtract, not Object",
    );
  });
});

describe("Transcode: codec and container", () => {
  const T = "JobParam.Transcode";
  it("webm takes VP8/VP9 with Vorbis/opus", () => {
    const ok = withParam("Transcode", {
      "Transcode.Container.Format": "webm",
      "Transcode.Video": { Codec: "VP9", Width: "1280" },
      "Transcode.Audio": { Codec: "opus", Samplerate: "48000", Channels: "2" },
    });
    expectValid("Transcode", ok);
    expectIssue(
      "Transcode",
      withParam("Transcode", { "Transcode.Container.Format": "webm" }),
      `${T}.Video.Codec`,
      "Codec H.264 does not fit the webm container (use VP8 or VP9)",
    );
    expectIssue(
      "Transcode",
      withParam("Transcode", { "Transcode.Container.Format": "webm", "Transcode.Video": { Codec: "VP8" } }),
      `${T}.Audio.Codec`,
      "Codec aac does not fit the webm container (use Vorbis or opus)",
    );
  });

  it("mp3 holds mp3 audio and no video", () => {
    const mp3 = () =>
      withParam("Transcode", { "Transcode.Container.Format": "mp3", "Transcode.Audio": { Codec: "mp3" } });
    expectIssue("Transcode", mp3(), `${T}.Video`, "The mp3 container holds audio only");
    expectValid("Transcode", withParam("Transcode", { "Transcode.Video": undefined }, mp3()));
    expectValid("Transcode", withParam("Transcode", { "Transcode.Video": { Remove: "true" } }, mp3()));
    expectIssue(
      "Transcode",
      withParam("Transcode", { "Transcode.Video": undefined, "Transcode.Audio.Codec": "aac" }, mp3()),
      `${T}.Audio.Codec`,
      "Codec aac does not fit the mp3 container (use mp3)",
    );
    // No codec given: the container's own codec is assumed, so nothing to complain about.
    expectValid(
      "Transcode",
      withParam("Transcode", { "Transcode.Video": undefined, "Transcode.Audio": { Bitrate: "128" } }, mp3()),
    );
  });

  it("H.265 is not for flv, ts or mkv", () => {
    for (const format of ["flv", "ts", "mkv"]) {
      const op = withParam("Transcode", {
        "Transcode.Container.Format": format,
        "Transcode.Video": { Codec: "H.265" },
      });
      expectIssue("Transcode", op, `${T}.Video.Codec`, `Codec H.265 does not fit the ${format} container (use H.264)`);
    }
    expectValid(
      "Transcode",
      withParam("Transcode", {
        "Transcode.Container.Format": "hls",
        "Transcode.Video": { Codec: "H.265", Pixfmt: "yuv420p10le" },
      }),
    );
  });
});

describe("Transcode: per-codec video options", () => {
  const V = "JobParam.Transcode.Video";
  const video = (v: Record<string, string>) => withParam("Transcode", { "Transcode.Video": v });

  it("Profile is for H.264 only (the default codec counts)", () => {
    expectValid("Transcode", video({ Profile: "main" }));
    expectIssue(
      "Transcode",
      video({ Codec: "H.265", Profile: "main" }),
      `${V}.Profile`,
      "Profile is for H.264 only, not H.265",
    );
  });

  it("Preset values depend on the codec", () => {
    expectIssue(
      "Transcode",
      video({ Codec: "H.264", Preset: "good" }),
      `${V}.Preset`,
      "Preset for H.264 must be veryfast, fast, medium, slow or slower",
    );
    expectIssue(
      "Transcode",
      video({ Codec: "H.265", Preset: "medium" }),
      `${V}.Preset`,
      "Preset is not supported with H.265",
    );
    expectIssue("Transcode", video({ Codec: "AV1", Preset: "fast" }), `${V}.Preset`, "Preset for AV1");
    expectValid("Transcode", video({ Codec: "AV1", Preset: "universal" }));
    const webm = withParam("Transcode", {
      "Transcode.Container.Format": "webm",
      "Transcode.Audio": { Codec: "Vorbis" },
      "Transcode.Video": { Preset: "realtime" },
    });
    expectValid("Transcode", webm);
  });

  it("Pixfmt values depend on the codec", () => {
    expectIssue("Transcode", video({ Pixfmt: "yuv420p10le" }), `${V}.Pixfmt`, "Pixel format for H.264 must be");
    expectIssue(
      "Transcode",
      video({ Codec: "AV1", Pixfmt: "yuv420p" }),
      `${V}.Pixfmt`,
      "Pixel format is not supported with AV1",
    );
    expectValid("Transcode", video({ Codec: "H.265", Pixfmt: "auto" }));
  });

  it("VP8/VP9/AV1/H.265 refuse the options they do not support", () => {
    const webm = (v: Record<string, string>) =>
      withParam("Transcode", {
        "Transcode.Container.Format": "webm",
        "Transcode.Audio": { Codec: "opus" },
        "Transcode.Video": v,
      });
    expectIssue(
      "Transcode",
      webm({ Codec: "VP9", Bufsize: "2000" }),
      `${V}.Bufsize`,
      "Buffer size is not supported with VP9",
    );
    expectIssue("Transcode", webm({ Codec: "VP8", Maxrate: "2000" }), `${V}.Maxrate`, "not supported with VP8");
    expectIssue("Transcode", webm({ Codec: "VP8", Roi: "low" }), `${V}.Roi`, "not supported with VP8");
    expectIssue(
      "Transcode",
      video({ Codec: "AV1", LongShortMode: "true" }),
      `${V}.LongShortMode`,
      "not supported with AV1",
    );
    expectIssue(
      "Transcode",
      video({ Codec: "H.265", Crop: "1280:720:0:0" }),
      `${V}.Crop`,
      "Crop is not supported with H.265",
    );
    expectIssue("Transcode", video({ Codec: "AV1", Interlaced: "true" }), `${V}.Interlaced`, "not supported with AV1");
  });

  it("Crop and Interlaced do not go with adaptive bitrate or ROI", () => {
    expectIssue("Transcode", video({ Crop: "1280:720:0:0", Bitrate: "auto" }), `${V}.Crop`, "adaptive bitrate");
    expectIssue("Transcode", video({ Interlaced: "true", Roi: "high" }), `${V}.Interlaced`, "cannot be used with ROI");
    expectValid("Transcode", video({ Crop: "1280:720:0:0", Roi: "none", Bitrate: "3000" }));
    expectIssue("Transcode", video({ Crop: "1280x720" }), `${V}.Crop`, "Crop is width:height:left:top");
  });
});

describe("Transcode: audio options", () => {
  const A = "JobParam.Transcode.Audio";
  const audio = (a: Record<string, string>, format = "mp4") =>
    withParam("Transcode", { "Transcode.Container.Format": format, "Transcode.Audio": a });

  it("sample rates follow the codec and, for mp3, the container", () => {
    expectIssue(
      "Transcode",
      audio({ Codec: "mp3", Samplerate: "48000" }, "flv"),
      `${A}.Samplerate`,
      "Sample rate for mp3 in flv must be 11025, 22050 or 44100",
    );
    expectIssue(
      "Transcode",
      audio({ Codec: "mp3", Samplerate: "11025" }, "mp4"),
      `${A}.Samplerate`,
      "Sample rate for mp3 in mp4",
    );
    expectValid("Transcode", audio({ Codec: "mp3", Samplerate: "11025" }, "ts"));
    const amr = withParam(
      "Transcode",
      { "Transcode.Video": undefined },
      audio({ Codec: "amr", Samplerate: "16000" }, "amr"),
    );
    expectIssue("Transcode", amr, `${A}.Samplerate`, "Sample rate for amr must be 8000");
  });

  it("channels and sample formats follow the codec; DASH has no 8 channels", () => {
    expectIssue(
      "Transcode",
      audio({ Codec: "mp3", Channels: "6" }),
      `${A}.Channels`,
      "Channels for mp3 must be 1 or 2",
    );
    expectIssue(
      "Transcode",
      audio({ Codec: "aac", Channels: "8" }, "dash"),
      `${A}.Channels`,
      "DASH does not support 8 channels",
    );
    expectValid("Transcode", audio({ Codec: "aac", Channels: "8" }, "mp4"));
    expectIssue(
      "Transcode",
      audio({ Codec: "aac", SampleFormat: "s16" }),
      `${A}.SampleFormat`,
      "Sample format for aac must be fltp",
    );
  });

  it("KeepTwoTracks / SwitchTrack / SampleFormat have no effect with H.265", () => {
    const op = withParam("Transcode", {
      "Transcode.Video": { Codec: "H.265" },
      "Transcode.Audio": { Codec: "aac", KeepTwoTracks: "true" },
    });
    expectIssue("Transcode", op, `${A}.KeepTwoTracks`, "Keep two tracks has no effect with H.265 video");
  });

  it("audio mixing needs the audio stream", () => {
    const mix = { AudioSource: "https://test-1234567890.cos.ap-chongqing.myqcloud.com/bgm.mp3", MixMode: "Once" };
    expectValid("Transcode", withParam("Transcode", { "Transcode.AudioMix": mix }));
    expectIssue(
      "Transcode",
      withParam("Transcode", { "Transcode.AudioMix": mix, "Transcode.Audio.Remove": "true" }),
      "JobParam.Transcode.AudioMix",
      "Audio Remove must not be true",
    );
    expectIssue(
      "Transcode",
      withParam("Transcode", { "Transcode.AudioMixArray": [mix, mix, mix] }),
      "JobParam.Transcode.AudioMixArray",
      "Audio mix tracks takes at most 2 items, not 3",
    );
  });
});

describe("Transcode: format-bound options and extras", () => {
  it("HLS / DASH options need that container", () => {
    expectIssue(
      "Transcode",
      withParam("Transcode", { "Transcode.Container.ClipConfig": { Duration: "5" } }),
      "JobParam.Transcode.Container.ClipConfig",
      "Segmenting applies only when Format is hls or dash",
    );
    expectIssue(
      "Transcode",
      withParam("Transcode", { "Transcode.TransConfig.HlsEncrypt": { IsHlsEncrypt: "true" } }),
      "JobParam.Transcode.TransConfig.HlsEncrypt",
      "HLS encryption applies only when Format is hls",
    );
    const hls = withParam("Transcode", {
      "Transcode.Container": { Format: "hls", ClipConfig: { Duration: "10" } },
      "Transcode.TransConfig.HlsEncrypt": { IsHlsEncrypt: "true", UriKey: "https://example.com/key" },
    });
    expectValid("Transcode", hls);
    expectIssue(
      "Transcode",
      withParam("Transcode", { "Transcode.TransConfig.HlsEncrypt.IsHlsEncrypt": "false" }, structuredClone(hls)),
      "JobParam.Transcode.TransConfig.HlsEncrypt.UriKey",
      "Key URI applies only when Encrypt HLS is true",
    );
  });

  it("adjustment methods need their check switched on", () => {
    expectIssue(
      "Transcode",
      withParam("Transcode", { "Transcode.TransConfig.IsCheckReso": undefined }),
      "JobParam.Transcode.TransConfig.ResoAdjMethod",
      "applies only when Check resolution is true",
    );
  });

  it("RemoveWatermark: not with H.265 / AV1; Subtitles are not sent (no batch source lists them)", () => {
    const box = { Dx: "10", Dy: "10", Width: "100", Height: "50" };
    expectValid("Transcode", withParam("Transcode", { RemoveWatermark: box }));
    expectIssue(
      "Transcode",
      withParam("Transcode", {
        RemoveWatermark: box,
        "Transcode.Video.Codec": "H.265",
        "Transcode.Video.Profile": undefined,
        "Transcode.Video.Preset": undefined,
      }),
      "JobParam.RemoveWatermark",
      "not supported with H.265",
    );
    expectIssue(
      "Transcode",
      withParam("Transcode", { RemoveWatermark: { ...box, Width: "0" } }),
      "JobParam.RemoveWatermark.Width",
      "Width must be a whole number from 1 to 4096 px",
    );
    const subs = { Subtitle: [{ Url: "https://test-1234567890.cos.ap-chongqing.myqcloud.com/a.srt" }] };
    expectIssue(
      "Transcode",
      withParam("Transcode", { Subtitles: subs, "Transcode.Container.Format": "mkv" }),
      "JobParam",
      "Unknown element Subtitles",
    );
  });

  it("a TemplateId may come with watermark extras", () => {
    expectValid("Transcode", {
      JobParam: {
        TemplateId: TID,
        WatermarkTemplateId: [TID, TID],
        DigitalWatermark: { Message: "abc", Type: "Text", Version: "V1" },
      },
      Output: { ...OUTPUT, Object: "out.mp4" },
    });
  });

  it("at most 3 watermark templates, each a template ID", () => {
    expectIssue(
      "Transcode",
      withParam("Transcode", { WatermarkTemplateId: [TID, TID, TID, TID] }),
      "JobParam.WatermarkTemplateId",
      "Watermark templates takes at most 3 items, not 4",
    );
    expectIssue(
      "Transcode",
      withParam("Transcode", { WatermarkTemplateId: [TID, "w123"] }),
      "JobParam.WatermarkTemplateId.1",
      "watermark template ID looks like t",
    );
  });
});

describe("Watermark items", () => {
  const W = "JobParam.Watermark.0";
  const wm = (w: Record<string, unknown>) => withParam("Transcode", { Watermark: [w] });
  const text = { Type: "Text", Pos: "TopLeft", LocMode: "Relativity", Dx: "10", Dy: "10", Text: { Text: "hi" } };
  const image = {
    Type: "Image",
    Pos: "Center",
    LocMode: "Absolute",
    Dx: "0",
    Dy: "0",
    Image: { Url: "https://test-1234567890.cos.ap-chongqing.myqcloud.com/logo.png" },
  };

  it("Type decides whether Text or Image settings are needed", () => {
    expectValid("Transcode", wm(text));
    expectValid("Transcode", wm(image));
    expectIssue(
      "Transcode",
      wm({ ...image, Image: undefined }),
      `${W}.Image`,
      "An Image watermark needs its Image settings",
    );
    expectIssue(
      "Transcode",
      wm({ ...text, Image: image.Image }),
      `${W}.Image`,
      "Image settings apply only to Image watermarks",
    );
  });

  it("offsets follow LocMode and background tiling", () => {
    expectIssue("Transcode", wm({ ...text, Dx: "150" }), `${W}.Dx`, "Horizontal offset must be from 0 to 100 %");
    expectValid("Transcode", wm({ ...image, Dx: "4000" }));
    const bg = {
      ...image,
      LocMode: "Relativity",
      Dx: "-200",
      Dy: "-10",
      Image: { ...image.Image, Background: "true" },
    };
    expectValid("Transcode", wm(bg));
    expectIssue(
      "Transcode",
      wm({ ...bg, Dy: "10" }),
      `${W}.Dy`,
      "Vertical offset must be from -300 to 0 % for a background image",
    );
  });

  it("item fields are checked with their own labels", () => {
    expectIssue("Transcode", wm({ ...text, Pos: "Middle" }), `${W}.Pos`, "Position must be one of");
    expectIssue(
      "Transcode",
      wm({ ...text, Text: { Text: "hi", FontColor: "#fff" } }),
      `${W}.Text.FontColor`,
      "Font colour looks like 0xRRGGBB",
    );
    expectIssue(
      "Transcode",
      wm({ ...text, StartTime: "5", EndTime: "2" }),
      `${W}.EndTime`,
      "End time must be after the start time",
    );
    expectIssue(
      "Transcode",
      withParam("Transcode", { Watermark: [text, text, text, text] }),
      "JobParam.Watermark",
      "Watermarks takes at most 3 items, not 4",
    );
  });
});

describe("Animation", () => {
  const V = "JobParam.Animation.Video";
  it("needs a frame rule unless only key frames are kept", () => {
    expectIssue(
      "Animation",
      withParam("Animation", { "Animation.Video.AnimateFramesPerSecond": undefined }),
      `${V}.AnimateFramesPerSecond`,
      "Give frames per second or a frame interval",
    );
    expectValid(
      "Animation",
      withParam("Animation", {
        "Animation.Video.AnimateFramesPerSecond": undefined,
        "Animation.Video.AnimateOnlyKeepKeyFrame": "true",
      }),
    );
    expectValid(
      "Animation",
      withParam("Animation", {
        "Animation.Video.AnimateFramesPerSecond": undefined,
        "Animation.Video.AnimateTimeIntervalOfFrame": "0.5",
      }),
    );
  });

  it("Quality is for webp only; codec matches the format", () => {
    expectIssue(
      "Animation",
      withParam("Animation", { "Animation.Video.Quality": "80" }),
      `${V}.Quality`,
      "Quality applies only to webp",
    );
    expectValid(
      "Animation",
      withParam("Animation", {
        "Animation.Container.Format": "webp",
        "Animation.Video.Codec": "webp",
        "Animation.Video.Quality": "80",
      }),
    );
    expectIssue(
      "Animation",
      withParam("Animation", { "Animation.Container.Format": "webp" }),
      `${V}.Codec`,
      "Codec gif does not fit the webp format",
    );
    expectValid("Animation", withParam("Animation", { "Animation.Container.Format": "hgif" }));
    expectIssue(
      "Animation",
      withParam("Animation", {
        "Animation.Video.Quality": "100",
        "Animation.Video.Codec": "webp",
        "Animation.Container.Format": "webp",
      }),
      `${V}.Quality`,
      "Quality must be a number at least 1 and less than 100",
    );
  });
});

describe("Tts", () => {
  it("asynchronous mode (Asyc, the default) writes pcm only", () => {
    expectIssue("Tts", withParam("Tts", { "TtsTpl.Codec": "mp3" }), "JobParam.TtsTpl.Codec", "writes pcm only");
    expectIssue(
      "Tts",
      withParam("Tts", { "TtsTpl.Codec": "wav", "TtsTpl.Mode": undefined }),
      "JobParam.TtsTpl.Codec",
      "pcm only",
    );
    expectValid("Tts", withParam("Tts", { "TtsTpl.Codec": "mp3", "TtsTpl.Mode": "Sync" }));
    expectIssue(
      "Tts",
      withParam("Tts", { "TtsTpl.Mode": "Async" }),
      "JobParam.TtsTpl.Mode",
      "Mode must be one of Asyc, Sync",
    );
  });

  it("inline text is at most 300 characters; a URL input must be a URL", () => {
    expectValid("Tts", withParam("Tts", { TtsConfig: { InputType: "Text", Input: "你好" } }));
    expectIssue(
      "Tts",
      withParam("Tts", { TtsConfig: { InputType: "Text", Input: "字".repeat(301) } }),
      "JobParam.TtsConfig.Input",
      "at most 300 characters",
    );
    expectIssue(
      "Tts",
      withParam("Tts", { TtsConfig: { InputType: "Url", Input: "notes.txt" } }),
      "JobParam.TtsConfig.Input",
      "http(s) URL",
    );
    expectIssue(
      "Tts",
      withParam("Tts", { TtsConfig: { Input: "hi" } }),
      "JobParam.TtsConfig.InputType",
      "Input type is required",
    );
  });
});

describe("SpeechRecognition", () => {
  const R = "JobParam.SpeechRecognition";
  it("standard recognition needs ChannelNum; stereo is 8k_zh only", () => {
    expectIssue(
      "SpeechRecognition",
      withParam("SpeechRecognition", { "SpeechRecognition.ChannelNum": undefined }),
      `${R}.ChannelNum`,
      "Channels is required",
    );
    expectIssue(
      "SpeechRecognition",
      withParam("SpeechRecognition", { "SpeechRecognition.ChannelNum": "2" }),
      `${R}.ChannelNum`,
      "Stereo (2) is for 8k_zh only",
    );
    expectValid(
      "SpeechRecognition",
      withParam("SpeechRecognition", {
        "SpeechRecognition.ChannelNum": "2",
        "SpeechRecognition.EngineModelType": "8k_zh",
      }),
    );
    expectIssue(
      "SpeechRecognition",
      withParam("SpeechRecognition", { "SpeechRecognition.EngineModelType": "16k_ms" }),
      `${R}.EngineModelType`,
      "flash recognition only",
    );
  });

  it("flash recognition needs Format, its own engines, and txt output", () => {
    const flash = { EngineModelType: "16k_zh", FlashAsr: "true", Format: "mp3", OutputFileType: "txt" };
    expectValid("SpeechRecognition", withParam("SpeechRecognition", { SpeechRecognition: flash }));
    expectIssue(
      "SpeechRecognition",
      withParam("SpeechRecognition", { SpeechRecognition: { ...flash, Format: undefined } }),
      `${R}.Format`,
      "Audio format is required for flash recognition",
    );
    expectIssue(
      "SpeechRecognition",
      withParam("SpeechRecognition", { SpeechRecognition: { ...flash, EngineModelType: "16k_ja" } }),
      `${R}.EngineModelType`,
      "Flash recognition supports",
    );
    expectIssue(
      "SpeechRecognition",
      withParam("SpeechRecognition", { SpeechRecognition: { ...flash, OutputFileType: "srt" } }),
      `${R}.OutputFileType`,
      "txt only",
    );
    expectIssue(
      "SpeechRecognition",
      withParam("SpeechRecognition", { SpeechRecognition: { ...flash, ResTextFormat: "1" } }),
      `${R}.ResTextFormat`,
      "not available with flash",
    );
    expectIssue(
      "SpeechRecognition",
      withParam("SpeechRecognition", { "SpeechRecognition.WordInfo": "1" }),
      `${R}.WordInfo`,
      "Word details applies only when Flash recognition is true",
    );
  });

  it("speaker separation needs a supported engine and mono", () => {
    expectIssue(
      "SpeechRecognition",
      withParam("SpeechRecognition", {
        "SpeechRecognition.SpeakerDiarization": "1",
        "SpeechRecognition.EngineModelType": "16k_en",
      }),
      `${R}.SpeakerDiarization`,
      "Speaker separation supports",
    );
    expectValid("SpeechRecognition", withParam("SpeechRecognition", { "SpeechRecognition.SpeakerDiarization": "1" }));
  });
});

describe("Concat", () => {
  const C = "JobParam.ConcatTemplate";
  it("Index cannot pass the number of fragments", () => {
    expectValid("Concat", withParam("Concat", { "ConcatTemplate.Index": "2" }));
    expectIssue(
      "Concat",
      withParam("Concat", { "ConcatTemplate.Index": "3" }),
      `${C}.Index`,
      "Position of the input must be from 0 to 2",
    );
  });

  it("audio-only containers take their own codec and no video", () => {
    expectIssue(
      "Concat",
      withParam("Concat", { "ConcatTemplate.Container.Format": "mp3" }),
      `${C}.Audio.Codec`,
      "The mp3 container takes mp3 audio",
    );
    expectIssue(
      "Concat",
      withParam("Concat", { "ConcatTemplate.Container.Format": "aac" }),
      `${C}.Video`,
      "holds audio only",
    );
  });
});

describe("JobParam presence", () => {
  it("MediaInfo and StreamExtract take no JobParam elements", () => {
    expectValid("MediaInfo", {});
    expectValid("MediaInfo", { JobParam: {} });
    expectIssue("MediaInfo", { JobParam: { Foo: "1" } }, "JobParam", "Unknown element Foo in JobParam");
  });

  it("Tags without a template need their element", () => {
    expectIssue(
      "SDRtoHDR",
      { ...example("SDRtoHDR"), JobParam: { TranscodeTemplateId: TID } },
      "JobParam.SDRtoHDR",
      "SDR to HDR is required",
    );
    expectIssue("Segment", { ...example("Segment"), JobParam: undefined }, "JobParam.Segment", "Re-mux is required");
    expectIssue(
      "DigitalWatermark",
      { ...example("DigitalWatermark"), JobParam: {} },
      "JobParam.DigitalWatermark",
      "Digital watermark is required",
    );
  });

  it("QualityEstimate may leave JobParam out", () => {
    expectValid("QualityEstimate", {});
  });

  it("cross-field rules wait until JobParam itself is valid", () => {
    // An odd width and an H.265 Profile: only the field error is reported, not a cascade.
    const op = withParam("Transcode", { "Transcode.Video.Width": "1281", "Transcode.Video.Codec": "H.265" });
    const found = issues("Transcode", op);
    expect(found.map((i) => i.path)).toEqual(["JobParam.Transcode.Video.Width"]);
  });
});
