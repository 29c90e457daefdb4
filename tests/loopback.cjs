// Preloaded (node --require) into servers the tests start: listen on 127.0.0.1 only, since
// Comunica's SPARQL server has no option for its address (it listens on every interface).
"use strict";
const net = require("net");
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  if (typeof args[0] === "number" && (args.length === 1 || typeof args[1] === "function")) {
    args.splice(1, 0, "127.0.0.1");
  }
  return listen.apply(this, args);
};
