// Delay-and-loss bridge for the calibration lab (there is no tc netem in this kernel).
// Moves IP packets between two persistent TUN devices that live in two network namespaces, holding each
// packet for a fixed one-way delay and dropping a configurable share of them.
// Usage: bridge <nsA> <tunA> <nsB> <tunB> <one-way delay µs> <loss 0..1> <seed> [rate Mbit/s, 0 = none] [random|periodic]
// Loss patterns: random (default) drops each packet independently with probability loss (seeded xorshift, so the
// generator's sequence repeats, though which packets it hits depends on timing); periodic drops every
// round(1/loss)-th packet of each direction, counting from the last TCP SYN seen in that direction, so every new
// connection sees its drops at the same packets (the deterministic loss process Mathis et al., CCR 1997, assume).
// Runs until SIGTERM/SIGINT, then prints forwarded/dropped counts to stderr. Build: gcc -O2 -o bridge bridge.c
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/if.h>
#include <linux/if_tun.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#define SLOTS 8192 /* packets in flight per direction: far above any BDP the lab builds (1 MB at 200 ms) */
#define MAXPKT 2048

typedef struct {
  uint64_t due[SLOTS];
  uint16_t len[SLOTS];
  unsigned char data[SLOTS][MAXPKT];
  unsigned head, count;
  uint64_t last_departure;
  unsigned long forwarded, lost, overflow;
  unsigned long since_syn; /* packets since the last SYN in this direction (periodic loss) */
} queue_t;

static volatile sig_atomic_t stop = 0;
static void on_signal(int s) { (void)s; stop = 1; }

static uint64_t now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* xorshift64*: seeded so a run's loss pattern can be repeated */
static uint64_t rng_state;
static double rnd(void) {
  rng_state ^= rng_state >> 12;
  rng_state ^= rng_state << 25;
  rng_state ^= rng_state >> 27;
  return (double)((rng_state * 2685821657736338717ull) >> 11) / 9007199254740992.0;
}

static int open_tun_in_ns(const char *ns, const char *name) {
  char path[256];
  snprintf(path, sizeof path, "/var/run/netns/%s", ns);
  int self = open("/proc/self/ns/net", O_RDONLY);
  int target = open(path, O_RDONLY);
  if (self < 0 || target < 0 || setns(target, CLONE_NEWNET) != 0) { perror("setns"); exit(1); }
  int fd = open("/dev/net/tun", O_RDWR | O_NONBLOCK);
  if (fd < 0) { perror("open /dev/net/tun"); exit(1); }
  struct ifreq ifr;
  memset(&ifr, 0, sizeof ifr);
  ifr.ifr_flags = IFF_TUN | IFF_NO_PI;
  strncpy(ifr.ifr_name, name, IFNAMSIZ - 1);
  if (ioctl(fd, TUNSETIFF, &ifr) != 0) { perror("TUNSETIFF"); exit(1); }
  if (setns(self, CLONE_NEWNET) != 0) { perror("setns back"); exit(1); }
  close(self);
  close(target);
  return fd;
}

/* IPv4 TCP packet with SYN set (SYN or SYN-ACK): the start of a connection in this direction. */
static int is_syn(const unsigned char *p, ssize_t n) {
  if (n < 20 || (p[0] >> 4) != 4 || p[9] != 6) return 0;
  size_t ihl = (size_t)(p[0] & 0x0f) * 4;
  if ((ssize_t)(ihl + 14) > n) return 0;
  return (p[ihl + 13] & 0x02) != 0;
}

static unsigned long period = 0; /* periodic loss: drop every period-th packet; 0 = random loss */

static int drop(queue_t *q, const unsigned char *p, ssize_t n, double loss) {
  if (loss <= 0) return 0;
  if (period == 0) return rnd() < loss;
  if (is_syn(p, n)) q->since_syn = 0;
  q->since_syn++;
  return q->since_syn % period == 0;
}

static void drain_in(int fd, queue_t *q, uint64_t delay_ns, double loss, double ns_per_byte) {
  for (int i = 0; i < 4096; i++) { /* bounded: at most one poll's worth of packets per wake-up */
    unsigned char buf[MAXPKT];
    ssize_t n = read(fd, buf, sizeof buf);
    if (n <= 0) return;
    if (drop(q, buf, n, loss)) { q->lost++; continue; }
    if (q->count == SLOTS) { q->overflow++; continue; }
    uint64_t t = now_ns();
    uint64_t due = t + delay_ns;
    if (ns_per_byte > 0) {
      uint64_t start = q->last_departure > t ? q->last_departure : t;
      q->last_departure = start + (uint64_t)(ns_per_byte * (double)n);
      if (q->last_departure + delay_ns > due) due = q->last_departure + delay_ns;
    }
    unsigned slot = (q->head + q->count) % SLOTS;
    memcpy(q->data[slot], buf, (size_t)n);
    q->len[slot] = (uint16_t)n;
    q->due[slot] = due;
    q->count++;
  }
}

static void flush_out(int fd, queue_t *q) {
  uint64_t t = now_ns();
  while (q->count > 0 && q->due[q->head] <= t) {
    if (write(fd, q->data[q->head], q->len[q->head]) < 0 && errno != EAGAIN) perror("write");
    q->forwarded++;
    q->head = (q->head + 1) % SLOTS;
    q->count--;
  }
}

int main(int argc, char **argv) {
  if (argc < 8) {
    fprintf(stderr, "usage: %s nsA tunA nsB tunB delay_us loss seed [rate_mbit] [random|periodic]\n", argv[0]);
    return 2;
  }
  uint64_t delay_ns = (uint64_t)strtoull(argv[5], NULL, 10) * 1000ull;
  double loss = atof(argv[6]);
  rng_state = (uint64_t)strtoull(argv[7], NULL, 10) * 0x9E3779B97F4A7C15ull + 1;
  double rate = argc > 8 ? atof(argv[8]) : 0;
  double ns_per_byte = rate > 0 ? 8000.0 / rate : 0;
  if (argc > 9 && strcmp(argv[9], "periodic") == 0 && loss > 0) period = (unsigned long)(1.0 / loss + 0.5);
  int a = open_tun_in_ns(argv[1], argv[2]);
  int b = open_tun_in_ns(argv[3], argv[4]);
  static queue_t ab, ba; /* static: 2 × 16 MB would not fit on the stack */
  signal(SIGTERM, on_signal);
  signal(SIGINT, on_signal);
  fprintf(stderr, "bridge ready: one-way %.3f ms, loss %.4f (%s), rate %s\n", delay_ns / 1e6, loss,
          period ? "periodic" : "random", rate > 0 ? argv[8] : "unlimited");
  while (!stop) {
    uint64_t t = now_ns();
    uint64_t next = t + 100000000ull; /* wake at least every 100 ms to notice signals */
    if (ab.count && ab.due[ab.head] < next) next = ab.due[ab.head];
    if (ba.count && ba.due[ba.head] < next) next = ba.due[ba.head];
    struct timespec to = {0, 0};
    if (next > t) { to.tv_sec = (time_t)((next - t) / 1000000000ull); to.tv_nsec = (long)((next - t) % 1000000000ull); }
    struct pollfd fds[2] = {{a, POLLIN, 0}, {b, POLLIN, 0}};
    int r = ppoll(fds, 2, &to, NULL);
    if (r < 0 && errno != EINTR) { perror("ppoll"); break; }
    if (r > 0) {
      if (fds[0].revents & POLLIN) drain_in(a, &ab, delay_ns, loss, ns_per_byte);
      if (fds[1].revents & POLLIN) drain_in(b, &ba, delay_ns, loss, ns_per_byte);
    }
    flush_out(b, &ab);
    flush_out(a, &ba);
  }
  fprintf(stderr, "bridge stats: a->b forwarded %lu lost %lu overflow %lu; b->a forwarded %lu lost %lu overflow %lu\n",
          ab.forwarded, ab.lost, ab.overflow, ba.forwarded, ba.lost, ba.overflow);
  return 0;
}
