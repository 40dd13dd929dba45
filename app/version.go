package app

// Version is the application's version, shown by `ganzhao version` and in the window.
const Version = "0.1.0"
