"use client";
import * as AlertDialog from "@radix-ui/react-alert-dialog";
import type { ReactNode } from "react";
import { buttonClasses } from "./button";

export interface ConfirmDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: ReactNode;
  /** The sentence that says what will happen (read out when the dialog opens). */
  description: ReactNode;
  /** Extra content (lists, summaries) under the description. */
  children?: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  tone?: "danger" | "primary";
  /** Disables the confirm button (e.g. nothing to do, or work in progress). */
  confirmDisabled?: boolean;
  /** Called on confirm. The dialog stays open; the caller closes it (so it can show progress or a summary). */
  onConfirm: () => void;
  /** Hide the confirm button (e.g. when showing a result summary). */
  hideConfirm?: boolean;
}

/**
 * A confirmation dialog over Radix AlertDialog: focus is trapped, Escape closes, the cancel button gets focus first
 * (a stray Enter never confirms a destructive action).
 */
export function ConfirmDialog({
  open,
  onOpenChange,
  title,
  description,
  children,
  confirmLabel,
  cancelLabel = "Cancel",
  tone = "primary",
  confirmDisabled,
  onConfirm,
  hideConfirm,
}: ConfirmDialogProps) {
  return (
    <AlertDialog.Root open={open} onOpenChange={onOpenChange}>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 z-40 bg-slate-950/40" />
        <AlertDialog.Content className="fixed left-1/2 top-1/2 z-50 max-h-[85vh] w-[calc(100vw-2rem)] max-w-lg -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-lg bg-white p-5 shadow-xl focus:outline-none">
          <AlertDialog.Title className="text-lg font-semibold text-slate-950">{title}</AlertDialog.Title>
          <AlertDialog.Description asChild>
            <div className="mt-2 text-sm text-slate-700">{description}</div>
          </AlertDialog.Description>
          {children && <div className="mt-3 text-sm">{children}</div>}
          <div className="mt-5 flex flex-wrap justify-end gap-2">
            <AlertDialog.Cancel className={buttonClasses({ variant: "secondary" })}>{cancelLabel}</AlertDialog.Cancel>
            {!hideConfirm && (
              <button
                type="button"
                className={buttonClasses({ variant: tone === "danger" ? "danger" : "primary" })}
                disabled={confirmDisabled}
                onClick={onConfirm}
              >
                {confirmLabel}
              </button>
            )}
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
