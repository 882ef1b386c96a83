package extcheck

var NodePackages = nodePackages
