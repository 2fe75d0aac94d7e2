/* A small printf-like formatter (also testdata/arm/rt, a link): %d %i %u %x %X %o %c %s %p %%, the l, ll, z
 * and h length modifiers, a field width (also `*`), '0' padding, '-' left
 * justification and a precision for %s.  No floating point. */
#include "rt.h"

struct out {
  char *buf;
  size_t size;
  size_t len;
};

static void put(struct out *o, char c) {
  if (o->len + 1 < o->size) o->buf[o->len] = c;
  o->len++;
}

static void pad(struct out *o, char c, int n) {
  while (n-- > 0) put(o, c);
}

static void emit(struct out *o, const char *s, int n, int width, int left, char padc, int sign_first) {
  int fill = width > n ? width - n : 0;
  if (left) {
    for (int i = 0; i < n; i++) put(o, s[i]);
    pad(o, ' ', fill);
    return;
  }
  if (padc == '0' && sign_first) {
    put(o, s[0]);
    s++;
    n--;
  }
  pad(o, padc, fill);
  for (int i = 0; i < n; i++) put(o, s[i]);
}

int rt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap) {
  struct out o = {buf, size, 0};
  for (const char *p = fmt; *p; p++) {
    if (*p != '%') {
      put(&o, *p);
      continue;
    }
    p++;
    int left = 0, width = 0, prec = -1, lng = 0;
    char padc = ' ';
    for (;; p++) {
      if (*p == '-') left = 1;
      else if (*p == '0') padc = '0';
      else break;
    }
    if (*p == '*') {
      width = va_arg(ap, int);
      if (width < 0) left = 1, width = -width;
      p++;
    }
    while (*p >= '0' && *p <= '9') width = width * 10 + (*p++ - '0');
    if (*p == '.') {
      p++;
      prec = 0;
      while (*p >= '0' && *p <= '9') prec = prec * 10 + (*p++ - '0');
    }
    while (*p == 'l' || *p == 'z' || *p == 'h') {
      if (*p != 'h') lng++;
      p++;
    }
    char tmp[24];
    int n = 0;
    switch (*p) {
      case 'd':
      case 'i': {
        long v = lng ? va_arg(ap, long) : va_arg(ap, int);
        unsigned long u = v < 0 ? 0ul - (unsigned long)v : (unsigned long)v;
        char rev[24];
        int k = 0;
        do rev[k++] = (char)('0' + u % 10), u /= 10;
        while (u);
        if (v < 0) tmp[n++] = '-';
        while (k) tmp[n++] = rev[--k];
        emit(&o, tmp, n, width, left, padc, v < 0);
        break;
      }
      case 'u':
      case 'x':
      case 'X':
      case 'o':
      case 'p': {
        unsigned long u;
        unsigned base = *p == 'u' ? 10 : *p == 'o' ? 8 : 16;
        const char *digits = *p == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
        if (*p == 'p') u = (unsigned long)va_arg(ap, void *);
        else u = lng ? va_arg(ap, unsigned long) : va_arg(ap, unsigned int);
        char rev[24];
        int k = 0;
        do rev[k++] = digits[u % base], u /= base;
        while (u);
        if (*p == 'p') tmp[n++] = '0', tmp[n++] = 'x';
        while (k) tmp[n++] = rev[--k];
        emit(&o, tmp, n, width, left, padc, 0);
        break;
      }
      case 'c':
        tmp[0] = (char)va_arg(ap, int);
        emit(&o, tmp, 1, width, left, ' ', 0);
        break;
      case 's': {
        const char *s = va_arg(ap, const char *);
        if (!s) s = "(null)";
        int len = 0;
        while (s[len] && (prec < 0 || len < prec)) len++;
        emit(&o, s, len, width, left, ' ', 0);
        break;
      }
      case '%':
        put(&o, '%');
        break;
      case '\0':
        p--;
        break;
      default:
        put(&o, '%');
        put(&o, *p);
        break;
    }
  }
  if (size) buf[o.len < size ? o.len : size - 1] = '\0';
  return (int)o.len;
}

int rt_snprintf(char *out, size_t size, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = rt_vsnprintf(out, size, fmt, ap);
  va_end(ap);
  return n;
}

static int vdprintf_(int fd, const char *fmt, va_list ap) {
  char buf[1024];
  va_list ap2;
  va_copy(ap2, ap);
  int n = rt_vsnprintf(buf, sizeof buf, fmt, ap);
  if ((size_t)n < sizeof buf) {
    rt_write_all(fd, buf, (size_t)n);
  } else {
    /* too long for the stack buffer: format into a fresh anonymous mapping */
    size_t len = ((size_t)n + 4096) & ~(size_t)4095;
    char *big = rt_mmap(0, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if ((long)big < 0 && (long)big > -4096) {
      rt_write_all(fd, buf, sizeof buf - 1);
    } else {
      rt_vsnprintf(big, len, fmt, ap2);
      rt_write_all(fd, big, (size_t)n);
      rt_munmap(big, len);
    }
  }
  va_end(ap2);
  return n;
}

int rt_dprintf(int fd, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vdprintf_(fd, fmt, ap);
  va_end(ap);
  return n;
}

int rt_printf(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vdprintf_(1, fmt, ap);
  va_end(ap);
  return n;
}

int rt_puts(const char *s) {
  rt_write_all(1, s, strlen(s));
  rt_write_all(1, "\n", 1);
  return 0;
}
