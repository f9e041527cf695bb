/**
 * Builds a TagModule's JobParam schema from its fields and the TemplateId rule (docs/ci-api.md §4.0): `TemplateId`
 * (Tags with a templateTag only) or the Tag's own parameter element; the other top-level fields (WatermarkTemplateId,
 * Watermark, DigitalWatermark, …) may go with either.
 */
import { z } from "zod";
import { templateIdField } from "./common-fields";
import { deriveSchema, forwardIssues, isEmptyValue } from "./derive-schema";
import type { FieldSpec, TagModule } from "./types";

export type TagDefinition = Omit<TagModule, "jobParamSchema">;

function without<T extends Record<string, unknown>>(obj: T, key: string): Record<string, unknown> {
  const { [key]: _dropped, ...rest } = obj;
  return rest;
}

export function buildJobParamSchema(def: TagDefinition): z.ZodType<Record<string, unknown>> {
  const param: FieldSpec | undefined = def.paramElement
    ? def.fields.find((f) => f.name === def.paramElement)
    : undefined;
  if (def.paramElement && !param) throw new Error(`${def.tag}: paramElement ${def.paramElement} is not in fields`);
  const paramName = param?.name;

  // The element's own `required` is checked below with a Tag-specific message, so it is optional in the schema.
  const ownFields = def.fields.map((f) => (f === param ? { ...f, required: false } : f));
  const ownSchema = deriveSchema(ownFields);
  const templateSchema = def.templateTag
    ? deriveSchema([templateIdField, ...def.fields.filter((f) => f !== param)])
    : null;

  return z.record(z.string(), z.unknown(), { error: "JobParam must be a group of elements" }).superRefine((jp, ctx) => {
    const usesTemplate = !isEmptyValue(jp.TemplateId);
    if (usesTemplate && !templateSchema) {
      ctx.addIssue({
        code: "custom",
        path: ["TemplateId"],
        message: `${def.label} jobs take no template: leave TemplateId out${param ? ` and fill in ${param.label}` : ""}`,
      });
    }
    if (usesTemplate && templateSchema) {
      if (paramName && !isEmptyValue(jp[paramName])) {
        ctx.addIssue({
          code: "custom",
          path: [paramName],
          message: `Use either a template or your own ${param!.label} parameters, not both`,
        });
      }
      forwardIssues(templateSchema.safeParse(paramName ? without(jp, paramName) : jp), ctx);
      return;
    }
    forwardIssues(ownSchema.safeParse(without(jp, "TemplateId")), ctx);
    if (param?.required && isEmptyValue(jp[param.name])) {
      ctx.addIssue({
        code: "custom",
        path: [param.name],
        message: templateSchema
          ? `Choose a template or fill in the ${param.label} parameters`
          : `${param.label} is required`,
      });
    }
  });
}

/** A TagModule with its JobParam schema derived from its fields. */
export function defineTag(def: TagDefinition): TagModule {
  return { ...def, jobParamSchema: buildJobParamSchema(def) };
}
