// Templates are indented for people; browsers collapse that whitespace anyway (outside
// <pre>, <textarea> and white-space: pre*, where templates only ever put interpolated
// values). This Eta plugin drops it when a template is compiled, so pages weigh less at no
// cost per request. Interpolated values (what a person typed, a catalogue text) are never
// touched.
import type { EtaConfig } from "eta";

type AstObject = Parameters<NonNullable<EtaConfig["plugins"][number]["processAST"]>>[0][number];

// Elements a space before which never shows (block, list, table and form-list boxes).
const quietBefore = String.raw`<\/?(?:html|head|body|title|meta|link|header|main|footer|nav|section|h[1-6]|p|div|address|ul|ol|li|dl|dt|dd|table|thead|tbody|tr|th|td|form|fieldset|legend|details|summary|option|optgroup|\/select)[\s>]`;

export const templateWhitespace = {
  /** Indentation after a line break: the break stays (it shows as a space where one shows),
   * except after a tag, whose line break Eta trims (autoTrim "nl"): there the indentation
   * goes only before an element that no space shows before. */
  processTemplate(template: string): string {
    return template
      .replace(/(?<!%>)[ \t]*\n[ \t]*/g, "\n")
      .replace(new RegExp(String.raw`%>\n[ \t]+(?=${quietBefore})`, "g"), "%>\n");
  },
  /** Any other run of spaces in literal text: one space. */
  processAST(ast: AstObject[]): AstObject[] {
    return ast.map((part) => (typeof part === "string" ? part.replace(/[ \t]{2,}/g, " ") : part));
  },
};
