"use client";

import { KeyRound, List, MoreHorizontal, Power, PowerOff, Trash2 } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";

import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { toastServerError } from "@/lib/client/action-result";
import { formatDateTime } from "@/lib/client/format";

import { deleteWebhookEndpointAction, rotateWebhookSecretAction, setWebhookEndpointEnabledAction } from "../actions";
import { SecretReveal } from "./secret-reveal";

type TDialog = "rotate" | "delete" | null;

/**
 * An endpoint's less frequent actions: its delivery log, rotating the secret, turning it off or on,
 * deleting it. The dialogs live outside the menu so that closing the menu leaves them open.
 */
export function EndpointMenu({ id, url, enabled, showLogLink = true }: { id: string; url: string; enabled: boolean; showLogLink?: boolean }) {
  const router = useRouter();
  const [dialog, setDialog] = useState<TDialog>(null);

  const setEnabled = async () => {
    const res = await setWebhookEndpointEnabledAction({ id, enabled: !enabled });
    if (toastServerError(res)) return;
    toast.success(enabled ? "Endpoint disabled: it is sent nothing until enabled" : "Endpoint enabled");
    router.refresh();
  };

  return (
    <>
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button variant="ghost" size="sm" aria-label={`More actions for ${url}`}>
            <MoreHorizontal /> More
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end">
          {showLogLink && (
            <DropdownMenuItem asChild>
              <Link href={`/settings/webhooks/${id}`}>
                <List /> Delivery log
              </Link>
            </DropdownMenuItem>
          )}
          <DropdownMenuItem onSelect={() => setDialog("rotate")}>
            <KeyRound /> Rotate secret
          </DropdownMenuItem>
          <DropdownMenuItem onSelect={() => void setEnabled()}>
            {enabled ? (
              <>
                <PowerOff /> Disable
              </>
            ) : (
              <>
                <Power /> Enable
              </>
            )}
          </DropdownMenuItem>
          <DropdownMenuSeparator />
          <DropdownMenuItem variant="destructive" onSelect={() => setDialog("delete")}>
            <Trash2 /> Delete
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
      <RotateDialog id={id} open={dialog === "rotate"} onClose={() => setDialog(null)} />
      <DeleteDialog id={id} url={url} open={dialog === "delete"} onClose={() => setDialog(null)} />
    </>
  );
}

function RotateDialog({ id, open, onClose }: { id: string; open: boolean; onClose: () => void }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [rotated, setRotated] = useState<{ secret: string; previousSecretExpiresAt: string } | null>(null);
  const close = () => {
    if (rotated) router.refresh();
    setRotated(null);
    onClose();
  };
  return (
    <Dialog open={open} onOpenChange={(next) => !next && close()}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{rotated ? "Copy the new secret now" : "Rotate the signing secret?"}</DialogTitle>
          <DialogDescription>
            {rotated
              ? `This is the only time it is shown. Until ${formatDateTime(rotated.previousSecretExpiresAt)} each delivery is signed with both the old and the new secret.`
              : "A new secret is made and shown once. The current one keeps signing for 24 hours beside it, so the receiver can switch without losing a message."}
          </DialogDescription>
        </DialogHeader>
        {rotated ? (
          <>
            <SecretReveal secret={rotated.secret} />
            <DialogFooter>
              <Button onClick={close}>Done</Button>
            </DialogFooter>
          </>
        ) : (
          <DialogFooter>
            <DialogClose asChild>
              <Button variant="outline">Keep it</Button>
            </DialogClose>
            <Button
              disabled={pending}
              onClick={async () => {
                setPending(true);
                const res = await rotateWebhookSecretAction({ id }).finally(() => setPending(false));
                if (toastServerError(res) || !res?.data) return;
                setRotated(res.data);
              }}
            >
              Rotate secret
            </Button>
          </DialogFooter>
        )}
      </DialogContent>
    </Dialog>
  );
}

function DeleteDialog({ id, url, open, onClose }: { id: string; url: string; open: boolean; onClose: () => void }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  return (
    <Dialog open={open} onOpenChange={(next) => !next && onClose()}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Delete this endpoint?</DialogTitle>
          <DialogDescription className="break-all">
            {url} is sent nothing more, and its delivery log goes with it. To pause it instead, disable it. This can&apos;t be undone.
          </DialogDescription>
        </DialogHeader>
        <DialogFooter>
          <DialogClose asChild>
            <Button variant="outline">Keep it</Button>
          </DialogClose>
          <Button
            variant="destructive"
            disabled={pending}
            onClick={async () => {
              setPending(true);
              const res = await deleteWebhookEndpointAction({ id }).finally(() => setPending(false));
              if (toastServerError(res)) return;
              toast.success("Endpoint deleted");
              onClose();
              router.push("/settings/webhooks");
              router.refresh();
            }}
          >
            Delete endpoint
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
