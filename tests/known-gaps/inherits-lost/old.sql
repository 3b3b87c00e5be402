-- Old-style partitioning by inheritance; old version has nothing yet.
CREATE TABLE unrelated (id int);
