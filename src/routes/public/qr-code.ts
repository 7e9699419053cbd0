// The QR code of a short manage link, drawn on the server as inline SVG: no script, no
// image request, nothing a strict CSP blocks (fill and stroke are presentation
// attributes, not style). Error correction M survives a smudged print or a cracked
// screen; the four-module quiet zone is the standard's own margin. Its size on screen
// and on paper is set in card.css (.card-qr). Nothing is kept: the link is a secret.
import QRCode from "qrcode";

/** An <svg> element for `text`, labelled for screen readers with `label`. */
export async function qrSvg(text: string, label: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: "svg", errorCorrectionLevel: "M", margin: 4 });
  const escaped = label.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
  return svg.trim().replace("<svg ", `<svg class="qr" role="img" aria-label="${escaped}" focusable="false" `);
}
