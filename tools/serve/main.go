// Command serve builds Spanmark and serves it on a local port, the way a
// good static host would (see site.Handler): the page opens with the sample
// article.
//
// Usage:
//
//	go run ./tools/serve [-addr 127.0.0.1:8080] [-dir dist]
//
// Without -dir it builds into memory first, as go run ./tools/build would,
// and prints the size table. With -dir it serves that folder, an earlier
// build, as is. It prints the URL to open and stops cleanly on Ctrl-C.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/spanmark/spanmark/tools/internal/cli"
	"github.com/spanmark/spanmark/tools/internal/site"
	"github.com/spanmark/spanmark/web"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return serve(ctx, args, stdout, stderr)
}

// serve is run with the context that ends the server, for tests.
func serve(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("serve", flag.ContinueOnError)
	addr := flags.String("addr", "127.0.0.1:8080", "listen on `host:port` (port 0 picks a free one)")
	dir := flags.String("dir", "", "serve this earlier build instead of building (`folder`)")
	if status, ok := cli.Parse(flags, "usage: go run ./tools/serve [-addr 127.0.0.1:8080] [-dir dist]", args, stderr); !ok {
		return status
	}
	if _, _, err := net.SplitHostPort(*addr); err != nil {
		fmt.Fprintf(stderr, "serve: -addr: want host:port such as 127.0.0.1:8080, got %q\n", *addr)
		return 2
	}

	var files fs.FS
	if *dir != "" {
		if _, err := os.Stat(filepath.Join(*dir, site.IndexName)); err != nil {
			fmt.Fprintf(stderr, "serve: -dir %s: no %s there: run go run ./tools/build -o %s first\n", *dir, site.IndexName, *dir)
			return 1
		}
		files = os.DirFS(*dir)
	}

	// Listen before building, so a busy port fails at once.
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(stderr, "serve: listen on %s: %v (is another server running? choose another port with -addr)\n", *addr, err)
		return 1
	}
	defer ln.Close()

	if files == nil {
		s, err := site.Build(ctx, site.Options{Web: web.FS, Quick: true})
		if err != nil {
			fmt.Fprintln(stderr, err)
			return 1
		}
		if err := s.WriteTable(stdout); err != nil {
			fmt.Fprintln(stderr, "serve:", err)
			return 1
		}
		fmt.Fprintln(stdout, "(brotli at a quick level here; go run ./tools/build gives the deployed sizes)")
		files = s.FS()
	}

	srv := &http.Server{Handler: site.Handler(files), ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	fmt.Fprintf(stdout, "Spanmark is at %s\n", siteURL(ln.Addr()))

	select {
	case err := <-served:
		fmt.Fprintln(stderr, "serve:", err)
		return 1
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		fmt.Fprintln(stderr, "serve: stop:", err)
		return 1
	}
	fmt.Fprintln(stdout, "stopped")
	return 0
}

// siteURL is the URL to open for a listener's address: an unspecified host
// (0.0.0.0, ::) is reachable as 127.0.0.1.
func siteURL(a net.Addr) string {
	tcp, ok := a.(*net.TCPAddr)
	if !ok {
		return "http://" + a.String() + "/"
	}
	host := tcp.IP
	if host.IsUnspecified() {
		host = net.IPv4(127, 0, 0, 1)
	}
	return "http://" + net.JoinHostPort(host.String(), fmt.Sprint(tcp.Port)) + "/"
}
