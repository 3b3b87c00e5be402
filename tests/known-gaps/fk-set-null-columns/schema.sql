CREATE TABLE folders (tenant_id int, id int, PRIMARY KEY (tenant_id, id));
CREATE TABLE files (
  tenant_id int NOT NULL,
  folder_id int,
  FOREIGN KEY (tenant_id, folder_id) REFERENCES folders ON DELETE SET NULL (folder_id)
);
