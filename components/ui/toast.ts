"use client";
/** sonner's toast, plus the request that makes the root layout load the Toaster that shows it (./lazy-toaster). */
import { toast as sonnerToast } from "sonner";
import { requestToaster } from "./lazy-toaster";

type Options = Parameters<typeof sonnerToast>[1];

export const toast = {
  message(text: string, options?: Options) {
    requestToaster();
    return sonnerToast(text, options);
  },
  success(text: string, options?: Options) {
    requestToaster();
    return sonnerToast.success(text, options);
  },
  error(text: string, options?: Options) {
    requestToaster();
    return sonnerToast.error(text, options);
  },
};
