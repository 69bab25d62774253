"use client";

import { useId, useState } from "react";

import { CHIP_INPUT_CLASS, ChipList, type TChipFieldProps } from "@/components/chip-field";
import { MAX_TAGS, ZTag } from "@/lib/schemas/targeting";

// A set of segment tags: type one, Enter or a comma adds it, a chip's button removes it. A tag is
// checked with the schema's own rule (ZTag) and the MAX_TAGS limit before it is added, so the text
// that doesn't fit stays in the box with the reason beside it. FormControl's id and aria-* land on
// the input; the local reason is added to its description.

export function TagInput({ value, onChange, onBlur, name, id, ref, placeholder = "Type a tag, then Enter", label = "Tags", ...aria }: TChipFieldProps) {
  const noteId = useId();
  const [text, setText] = useState("");
  const [note, setNote] = useState<string | null>(null);

  /** Adds each typed tag in order; returns the text that didn't fit (its reason shown), or null. */
  function add(raws: string[]): string | null {
    let next = value;
    let failed: string | null = null;
    for (const raw of raws) {
      const tag = raw.trim();
      if (!tag || next.includes(tag)) continue;
      const parsed = ZTag.safeParse(tag);
      if (!parsed.success) {
        setNote(`“${tag.length > 44 ? `${tag.slice(0, 40)}…` : tag}”: ${parsed.error.issues[0]?.message}`);
        failed = raw;
      } else if (next.length >= MAX_TAGS) {
        setNote(`At most ${MAX_TAGS} tags: remove one first`);
        failed = raw;
      }
      if (failed !== null) break;
      next = [...next, tag];
    }
    if (next !== value) onChange(next);
    if (failed === null) setNote(null);
    return failed;
  }

  function onKeyDown(e: React.KeyboardEvent<HTMLInputElement>) {
    if (e.key === "Enter" || e.key === ",") {
      // Enter adds a tag here; it never submits the form from this box.
      e.preventDefault();
      setText(add([text]) ?? "");
    } else if (e.key === "Backspace" && text === "" && value.length > 0) {
      onChange(value.slice(0, -1));
    }
  }

  const describedBy = [aria["aria-describedby"], note ? noteId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="grid min-w-0 gap-2" data-slot="tag-input">
      <ChipList value={value} onChange={onChange} label={`${label}: added`} removeLabel={(tag) => `Remove tag ${tag}`} className="max-w-full">
        {(tag) => <span className="truncate font-mono">{tag}</span>}
      </ChipList>
      <input
        ref={ref}
        id={id}
        name={name}
        type="text"
        autoComplete="off"
        aria-invalid={aria["aria-invalid"] || !!note}
        aria-describedby={describedBy}
        placeholder={placeholder}
        value={text}
        onChange={(e) => {
          // A pasted "vip, high_roller" adds each whole tag before the last comma.
          const parts = e.target.value.split(",");
          const rest = parts.pop() ?? "";
          setText(parts.length > 0 ? (add(parts) ?? rest) : rest);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => {
          // What was typed but not added yet is added on leaving the box, so it isn't lost on submit.
          setText(add([text]) ?? "");
          onBlur?.();
        }}
        className={CHIP_INPUT_CLASS}
      />
      {note && (
        <p id={noteId} role="alert" className="text-sm [overflow-wrap:anywhere] text-destructive">
          {note}
        </p>
      )}
    </div>
  );
}
