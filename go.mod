module github.com/subkit-dev/subkit

go 1.24
