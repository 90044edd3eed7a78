import localFont from "next/font/local";

// IBM Plex Sans as shipped by DKFDS (node_modules/dkfds/dist/fonts, SIL Open Font License 1.1).
// next/font/local copies the files into the build, serves them from our own origin, preloads
// them and generates a metric-adjusted fallback, so nothing is fetched from the network.
// DKFDS enables the weights 400, 500, 600 and 700; the portal uses 400, 600 and 700
// (and 400 italic). Paths are relative to this file.
export const ibmPlexSans = localFont({
  src: [
    {
      path: "../node_modules/dkfds/dist/fonts/IBMPlexSans/complete/woff2/IBMPlexSans-Regular.woff2",
      weight: "400",
      style: "normal",
    },
    {
      path: "../node_modules/dkfds/dist/fonts/IBMPlexSans/complete/woff2/IBMPlexSans-Italic.woff2",
      weight: "400",
      style: "italic",
    },
    {
      path: "../node_modules/dkfds/dist/fonts/IBMPlexSans/complete/woff2/IBMPlexSans-SemiBold.woff2",
      weight: "600",
      style: "normal",
    },
    {
      path: "../node_modules/dkfds/dist/fonts/IBMPlexSans/complete/woff2/IBMPlexSans-Bold.woff2",
      weight: "700",
      style: "normal",
    },
  ],
  variable: "--font-ibm-plex-sans",
  display: "swap",
  fallback: ["system-ui", "Arial", "sans-serif"],
});
