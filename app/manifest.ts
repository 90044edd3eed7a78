import type { MetadataRoute } from "next";

/** The web app manifest: name, colours and icons for a phone's home screen (icons: scripts/make-icons.ts). */
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: "Statens Indkøbsprogram",
    short_name: "Statens Indkøb",
    description: "Portal for Statens Indkøbsprogram: aftaler, indkøbskaskade, indkøbsdata og compliance.",
    lang: "da",
    start_url: "/",
    display: "browser",
    background_color: "#ffffff",
    theme_color: "#0059b3",
    icons: [
      { src: "/icon.svg", type: "image/svg+xml", sizes: "any" },
      { src: "/icons/icon-192.png", type: "image/png", sizes: "192x192" },
      { src: "/icons/icon-512.png", type: "image/png", sizes: "512x512" },
    ],
  };
}
