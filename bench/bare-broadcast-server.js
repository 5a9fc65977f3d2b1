'use strict';
/**
 * The baseline of bench/chat-fanout.js: a plain Socket.IO server with the
 * same `/chat` events as Plenary's and nothing else (no authentication, no
 * storage, no validation, no rate limit). `channel.join` joins a room;
 * `message.send` numbers the message, broadcasts it to the room as
 * `message.new` and acknowledges it. Run as its own process so that its CPU
 * and memory can be read from /proc like the real server's.
 *
 *   PORT=4100 HOST=127.0.0.1 node bench/bare-broadcast-server.js
 */
const { createServer } = require('node:http');
const { randomUUID } = require('node:crypto');
const { Server } = require('socket.io');

const port = Number(process.env.PORT || 0);
const host = process.env.HOST || '127.0.0.1';

const http = createServer((_req, res) => {
  res.writeHead(404).end();
});
const io = new Server(http, { serveClient: false });
const chat = io.of('/chat');
const sequences = new Map();

chat.on('connection', (socket) => {
  // Plenary's authors are user ids (UUIDs); one per connection here.
  const authorId = randomUUID();
  socket.on('channel.join', (payload, ack) => {
    const channelId = String(payload && payload.channelId);
    socket.join(`channel:${channelId}`);
    if (typeof ack === 'function') ack({ ok: true, channel: { id: channelId } });
  });

  socket.on('message.send', (payload, ack) => {
    const channelId = String(payload && payload.channelId);
    const sequence = (sequences.get(channelId) || 0) + 1;
    sequences.set(channelId, sequence);
    // The same fields a stored message carries, so both servers put comparable bytes on the wire.
    const message = {
      id: randomUUID(),
      channelId,
      sequence,
      clientMessageId: payload.clientMessageId,
      authorId,
      body: payload.body,
      replyToId: null,
      mentions: { userIds: [], organisationIds: [] },
      pinned: false,
      editedAt: null,
      deletedAt: null,
      createdAt: new Date().toISOString(),
    };
    chat.to(`channel:${channelId}`).emit('message.new', message);
    if (typeof ack === 'function') ack({ ok: true, message, duplicate: false });
  });
});

http.listen(port, host, () => {
  const address = http.address();
  // The benchmark waits for this line.
  console.log(`bare broadcast server listening on ${host}:${address.port}`);
});

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.once(signal, () => {
    io.close();
    process.exit(0);
  });
}
