// The pack prints the figures it shows; the numbers behind each trend are in the CSV download (kept closed here).
